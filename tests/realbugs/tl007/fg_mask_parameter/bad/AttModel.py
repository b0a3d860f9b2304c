# source: https://github.com/jiasenlu/NeuralBabyTalk/issues/26
import torch
import torch.nn as nn
from torch.nn import Parameter


class CascadeCore(nn.Module):
    def __init__(self, opt):
        super().__init__()
        self.fg_size = opt.fg_size
        self.fg_mask = Parameter(opt.fg_mask)  # error: TL007
        self.fg_out = nn.Linear(opt.rnn_size, opt.fg_size)

    def forward(self, h, fg_idx):
        mask = self.fg_mask[fg_idx].float()
        return self.fg_out(h).masked_fill(mask == 0, float('-inf'))


class TopDownModel(nn.Module):
    def __init__(self, opt):
        super().__init__()
        self.ccr_core = CascadeCore(opt)

    def forward(self, h, fg_idx):
        return self.ccr_core(h, fg_idx)
