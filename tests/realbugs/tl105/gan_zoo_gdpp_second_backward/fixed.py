# source: https://github.com/facebookresearch/pytorch_GAN_zoo/issues/83
# The base GAN's generator update with the GDPP option: the adversarial loss of
# the fake images is backpropagated first, then the GDPP loss, computed from the
# discriminator's features of the same fake images, is added to it before the
# one backward, as the paper's loss_g = loss_adv + loss_gdpp (the fix).
import torch
import torch.nn as nn


def gdpp_loss(phi_fake, phi_real):
    def eigen(features):
        a = features.t() @ features
        vals, vecs = torch.linalg.eigh(a)
        return vals / vals.sum(), vecs

    fake_vals, fake_vecs = eigen(phi_fake)
    real_vals, real_vecs = eigen(phi_real)
    return ((fake_vals - real_vals) ** 2).sum() - (fake_vecs * real_vecs).sum(0).abs().mean()


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Linear(16, 8), nn.LeakyReLU(0.2))
        self.decision = nn.Linear(8, 1)

    def forward(self, x, get_features=False):
        phi = self.features(x)
        out = self.decision(phi)
        if get_features:
            return out, phi
        return out


class BaseGAN:
    def __init__(self):
        self.netG = nn.Sequential(nn.Linear(4, 16), nn.Tanh())
        self.netD = Discriminator()
        self.optimizerG = torch.optim.Adam(self.netG.parameters(), lr=1e-3)
        self.use_gdpp = True

    def optimize_parameters(self, input_batch):
        self.optimizerG.zero_grad()
        input_latent = torch.randn(input_batch.size(0), 4)
        pred_fake_g = self.netG(input_latent)
        pred_fake_d, phi_g_fake = self.netD(pred_fake_g, True)
        loss_g = nn.functional.softplus(-pred_fake_d).mean()
        if self.use_gdpp:
            _, phi_d_real = self.netD(input_batch, True)
            loss_g = loss_g + gdpp_loss(phi_g_fake, phi_d_real.detach())
        loss_g.backward()
        self.optimizerG.step()


gan = BaseGAN()
gan.optimize_parameters(torch.randn(6, 16))
