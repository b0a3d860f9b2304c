# source: https://github.com/scraed/LanPaint/issues/38
# The sampler node prepends 0 to the model's sigma schedule; the schedule is
# already a tensor buffer of the model-sampling object.
import torch
import torch.nn as nn


class ModelSamplingDiscrete(nn.Module):
    def __init__(self, timesteps=1000):
        super().__init__()
        betas = torch.linspace(0.00085 ** 0.5, 0.012 ** 0.5, timesteps) ** 2
        alphas_cumprod = torch.cumprod(1.0 - betas, dim=0)
        self.register_buffer("sigmas", ((1 - alphas_cumprod) / alphas_cumprod) ** 0.5)


class ModelPatcher:
    def __init__(self):
        self.objects = {"model_sampling": ModelSamplingDiscrete()}

    def get_model_object(self, name):
        return self.objects[name]


class InnerModel:
    def __init__(self):
        self.model_patcher = ModelPatcher()


class LanPaintSampler:
    def __init__(self, inner_model):
        self.inner_model = inner_model

    def __call__(self, x, sigmas):
        self.model_sigmas = torch.cat((torch.tensor([0.], device=sigmas.device), torch.tensor(self.inner_model.model_patcher.get_model_object("model_sampling").sigmas, device=sigmas.device)))  # error: TL004
        return x * self.model_sigmas[-1]


sampler = LanPaintSampler(InnerModel())
out = sampler(torch.randn(1, 4, 8, 8), torch.linspace(14.6, 0.03, 20))
