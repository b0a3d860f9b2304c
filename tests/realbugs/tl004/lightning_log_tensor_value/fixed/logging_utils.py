# source: https://github.com/pytorch/pytorch/issues/59800
import torch


class ResultCollection:
    def __init__(self):
        self.values = {}

    def log(self, name, value, device="cpu"):
        if isinstance(value, torch.Tensor):
            value = value.detach().clone().to(device=device, dtype=torch.float)
        else:
            value = torch.tensor(value, device=device, dtype=torch.float)
        self.values.setdefault(name, []).append(value)
