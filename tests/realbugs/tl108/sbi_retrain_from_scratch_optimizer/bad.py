# source: https://github.com/sbi-dev/sbi/issues/200
# sbi's sequential posterior estimation (SNPE) with retrain_from_scratch_each_round:
# the estimator keeps self._untrained_neural_posterior = deepcopy(self._posterior)
# when it is made, and each round's _train() builds its Adam optimizer from
# self._posterior.net.parameters(), then, after round 0, resets the posterior
# with self._posterior = deepcopy(self._untrained_neural_posterior). The issue:
# the optimizer is not reset, so it points to the wrong network and nothing is
# trained. PR #211 builds a new optimizer after the copy. A small conditional
# Gaussian stands in for the density estimator, a toy simulator and prior for a
# user's, the plain posterior log-prob for every round's loss, and a fixed
# number of epochs for early stopping.
from copy import deepcopy

import torch
import torch.nn as nn
from torch import optim
from torch.distributions import MultivariateNormal
from torch.nn.utils import clip_grad_norm_
from torch.utils import data
from torch.utils.data.sampler import SubsetRandomSampler


class ConditionalGaussian(nn.Module):
    def __init__(self, theta_dim, x_dim, hidden=8):
        super().__init__()
        self._embedding_net = nn.Sequential(nn.Linear(x_dim, hidden), nn.Tanh())
        self._mean = nn.Linear(hidden, theta_dim)
        self._log_std = nn.Linear(hidden, theta_dim)

    def _params(self, x):
        h = self._embedding_net(x)
        return self._mean(h), self._log_std(h).clamp(-5, 5)

    def log_prob(self, theta, x):
        mean, log_std = self._params(x)
        return torch.distributions.Normal(mean, log_std.exp()).log_prob(theta).sum(-1)

    def sample(self, num_samples, context):
        mean, log_std = self._params(context)
        return mean + log_std.exp() * torch.randn(num_samples, mean.shape[-1])


class NeuralPosterior:
    def __init__(self, neural_net, prior, x_o=None):
        self.net = neural_net
        self._prior = prior
        self.x_o = x_o

    def sample(self, num_samples, x):
        with torch.no_grad():
            return self.net.sample(num_samples, context=x)


class SNPE:
    def __init__(self, simulator, prior, density_estimator, retrain_from_scratch_each_round=False):
        self._simulator = simulator
        self._prior = prior
        self._retrain_from_scratch_each_round = retrain_from_scratch_each_round
        self._posterior = NeuralPosterior(neural_net=density_estimator, prior=prior)
        self._theta_bank, self._x_bank = [], []

        # If we're retraining from scratch each round, keep a copy
        # of the original untrained model for reinitialization.
        self._untrained_neural_posterior = deepcopy(self._posterior)

    def __call__(self, num_rounds, num_simulations_per_round, x_o, batch_size=10, learning_rate=5e-4,
                 validation_fraction=0.1, max_num_epochs=2, clip_max_norm=5.0):
        self._posterior.x_o = x_o
        for round_ in range(num_rounds):
            theta, x = self._run_simulations(round_, num_simulations_per_round)
            self._theta_bank.append(theta)
            self._x_bank.append(x)
            self._train(round_=round_, batch_size=batch_size, learning_rate=learning_rate,
                        validation_fraction=validation_fraction, max_num_epochs=max_num_epochs,
                        clip_max_norm=clip_max_norm)
        return self._posterior

    def _run_simulations(self, round_, num_sims):
        if round_ == 0:
            theta = self._prior.sample((num_sims,))
        else:
            theta = self._posterior.sample(num_sims, x=self._posterior.x_o)
        return theta, self._simulator(theta)

    def _train(self, round_, batch_size, learning_rate, validation_fraction, max_num_epochs, clip_max_norm):
        num_total_examples = sum(len(theta) for theta in self._theta_bank)
        permuted_indices = torch.randperm(num_total_examples)
        num_training_examples = int((1 - validation_fraction) * num_total_examples)
        train_indices = permuted_indices[:num_training_examples]

        dataset = data.TensorDataset(torch.cat(self._theta_bank), torch.cat(self._x_bank))
        train_loader = data.DataLoader(dataset, batch_size=min(batch_size, num_training_examples),
                                       drop_last=True, sampler=SubsetRandomSampler(train_indices))

        optimizer = optim.Adam(list(self._posterior.net.parameters()), lr=learning_rate)

        # If retraining from scratch each round, reset the neural posterior
        # to the untrained copy.
        if self._retrain_from_scratch_each_round and round_ > 0:
            self._posterior = deepcopy(self._untrained_neural_posterior)

        epoch = 0
        while epoch < max_num_epochs:
            self._posterior.net.train()
            for theta_batch, x_batch in train_loader:
                optimizer.zero_grad()
                batch_loss = torch.mean(self._loss(round_, theta_batch, x_batch))
                batch_loss.backward()
                if clip_max_norm is not None:
                    clip_grad_norm_(self._posterior.net.parameters(), max_norm=clip_max_norm)
                optimizer.step()  # error: TL108
            epoch += 1

    def _loss(self, round_, theta, x):
        return -self._posterior.net.log_prob(theta, x)


def simulator(theta):
    return theta + 0.1 * torch.randn_like(theta)


torch.manual_seed(0)
prior = MultivariateNormal(torch.zeros(2), torch.eye(2))
inference = SNPE(simulator, prior, ConditionalGaussian(theta_dim=2, x_dim=2),
                 retrain_from_scratch_each_round=True)
posterior = inference(num_rounds=2, num_simulations_per_round=40, x_o=torch.zeros(1, 2))
print(posterior.sample(5, x=torch.zeros(1, 2)).shape)
