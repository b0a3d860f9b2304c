# source: https://github.com/huggingface/accelerate/issues/2251
# A diffusion trainer draws timesteps and their importance weights from a
# schedule sampler (numpy, so both come back on the CPU), then "moves" them to
# the batch's device with t.to(batch.device) and weights.to(batch.device) as
# statements of their own. The reporter found the tensors still on the CPU.
# The meta device stands for the reporter's GPU.
import numpy as np
import torch as th


class UniformSampler:
    def __init__(self, num_timesteps):
        self._weights = np.ones([num_timesteps])

    def weights(self):
        return self._weights

    def sample(self, batch_size):
        w = self.weights()
        p = w / np.sum(w)
        indices_np = np.random.choice(len(p), size=(batch_size,), p=p)
        indices = th.from_numpy(indices_np).long()
        weights_np = 1 / (len(p) * p[indices_np])
        weights = th.from_numpy(weights_np).float()
        return indices, weights


class Trainer:
    def __init__(self, num_timesteps):
        self.schedule_sampler = UniformSampler(num_timesteps)

    def forward_backward(self, batch):
        t, weights = self.schedule_sampler.sample(batch.shape[0])
        t.to(batch.device)  # error: TL103
        weights.to(batch.device)  # also: TL103
        return t, weights


trainer = Trainer(1000)
batch = th.zeros(4, 3, 8, 8, device="meta")
t, weights = trainer.forward_backward(batch)
