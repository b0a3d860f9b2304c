# source: https://github.com/pytorch/pytorch/issues/59800
import torch


class ResultCollection:
    def __init__(self):
        self.values = {}

    def log(self, name, value, device="cpu"):
        value = torch.tensor(value, device=device, dtype=torch.float)  # error: TL004
        self.values.setdefault(name, []).append(value)
