# source: https://github.com/lucidrains/denoising-diffusion-pytorch/issues/109
# The reporter trained the 1-D diffusion model on their own sequences, which
# they first passed through a Conv1d to get the channel count the network
# takes. That conversion ran once, outside the training loop, so every step's
# loss went back through the same Conv1d graph: the first loss.backward()
# worked, the second failed. The reporter found the cause and moved the
# conversion into the loop. A small denoiser stands in for the Unet1D.
import torch
import torch.nn as nn

torch.manual_seed(0)


class GaussianDiffusion1D(nn.Module):
    def __init__(self, channels, seq_length, timesteps=10):
        super().__init__()
        self.model = nn.Conv1d(channels, channels, 3, padding=1)
        self.seq_length = seq_length
        self.register_buffer("alphas", torch.linspace(0.99, 0.5, timesteps))

    def forward(self, x):
        t = torch.randint(0, len(self.alphas), (x.shape[0],))
        a = self.alphas[t].view(-1, 1, 1)
        noise = torch.randn_like(x)
        noisy = a.sqrt() * x + (1 - a).sqrt() * noise
        return nn.functional.mse_loss(self.model(noisy), noise)


raw = torch.rand(8, 1, 16)
to_channels = nn.Conv1d(1, 4, 1)
training_seq = to_channels(raw)
diffusion = GaussianDiffusion1D(channels=4, seq_length=16)
opt = torch.optim.Adam(list(diffusion.parameters()) + list(to_channels.parameters()), lr=1e-4)
for step in range(3):
    loss = diffusion(training_seq)
    loss.backward()  # error: TL105
    opt.step()
    opt.zero_grad()
