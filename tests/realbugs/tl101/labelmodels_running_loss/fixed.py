# source: https://github.com/BatsResearch/labelmodels/issues/4
# The fix the reporter proposed and the maintainer merged: running_loss += loss.item().
import torch
import torch.nn as nn


class LearningConfig:
    def __init__(self):
        self.epochs = 2
        self.step_size = 0.01
        self.momentum = 0.9


class LabelModel(nn.Module):
    def _do_estimate_label_model(self, batches, config):
        optimizer = torch.optim.SGD(self.parameters(), lr=config.step_size, momentum=config.momentum,
                                    weight_decay=0)
        for epoch in range(config.epochs):
            self.train()
            running_loss = 0.0
            for i_batch, inputs in enumerate(batches):
                optimizer.zero_grad()
                log_likelihood = self(*inputs)
                loss = -1 * torch.mean(log_likelihood)
                loss += self._get_regularization_loss()
                loss.backward()
                optimizer.step()
                running_loss += loss.item()
            epoch_loss = running_loss / len(batches)
            print('Train Loss: %.6f' % epoch_loss)

    def _get_regularization_loss(self):
        return 0.0


class NaiveBayes(LabelModel):
    def __init__(self, num_classes, num_lfs, acc_prior=0.025):
        super().__init__()
        self.accuracy = nn.Parameter(torch.full((num_lfs, num_classes), 0.7))
        self.propensity = nn.Parameter(torch.zeros(num_lfs))
        self.acc_prior = acc_prior

    def forward(self, votes):
        scores = votes @ (self.accuracy + self.propensity.unsqueeze(1))
        return torch.logsumexp(scores, dim=1)

    def _get_regularization_loss(self):
        return self.acc_prior * torch.norm(self.accuracy - 0.7)

    def estimate_label_model(self, votes, config=None):
        config = config or LearningConfig()
        batches = [(votes[i:i + 8],) for i in range(0, len(votes), 8)]
        self._do_estimate_label_model(batches, config)


torch.manual_seed(0)
model = NaiveBayes(num_classes=2, num_lfs=5)
model.estimate_label_model(torch.randint(0, 2, (32, 5)).float())
