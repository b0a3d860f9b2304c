# source: https://github.com/huggingface/accelerate/issues/2251
# The fix the thread gave: assign the moved tensors, t = t.to(batch.device).
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
        t = t.to(batch.device)
        weights = weights.to(batch.device)
        return t, weights


trainer = Trainer(1000)
batch = th.zeros(4, 3, 8, 8, device="meta")
t, weights = trainer.forward_backward(batch)
