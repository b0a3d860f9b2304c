# source: https://github.com/Linardos/SalEMA/issues/6
# The usage the reporter points to: an nn.Dropout2d module follows the train
# and test phase, so model.eval() turns it off. (The maintainer instead changed
# the inference parser's default to dropout=False, keeping the functional call.)
import argparse

import torch
from torch import nn, sigmoid


def get_inference_parser():
    parser = argparse.ArgumentParser()
    parser.add_argument('-alpha', dest='alpha', default=0.1, type=float)
    parser.add_argument('-ema_loc', dest='ema_loc', default=4, type=int)
    parser.add_argument('-dropout', dest='dropout', default=True, type=bool)
    parser.add_argument('-residual', dest='residual', default=False, type=bool)
    return parser


class SalEMA(nn.Module):
    def __init__(self, alpha, ema_loc, residual, dropout):
        super(SalEMA, self).__init__()
        self.dropout = dropout
        self.residual = residual
        self.alpha = torch.Tensor([alpha])
        self.ema_loc = ema_loc
        self.dropout2d = nn.Dropout2d()
        self.salgan = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(),
            nn.Conv2d(8, 8, 3, padding=1),  # the EMA layer
            nn.ReLU(), nn.Conv2d(8, 1, 1), nn.Sigmoid(),
        )

    def forward(self, input_, prev_state=None):
        x = self.salgan[:self.ema_loc](input_)
        residual = x

        if self.dropout == True:
            x = self.dropout2d(x)
        # salgan[self.ema_loc] will act as the temporal state
        if prev_state is None:
            current_state = self.salgan[self.ema_loc](x)
        else:
            current_state = sigmoid(self.alpha) * self.salgan[self.ema_loc](x) + (1 - sigmoid(self.alpha)) * prev_state

        if self.residual == True:
            x = current_state + residual
        else:
            x = current_state

        if self.ema_loc < len(self.salgan) - 1:
            x = self.salgan[self.ema_loc + 1:](x)

        return current_state, x


args = get_inference_parser().parse_args([])
torch.manual_seed(0)
model = SalEMA(alpha=args.alpha, residual=args.residual, dropout=args.dropout, ema_loc=args.ema_loc)
# switch to evaluate mode
model.eval()
clip = torch.rand(3, 1, 3, 16, 16)
with torch.no_grad():
    state = None
    for idx in range(clip.size()[0]):
        state, saliency_map = model.forward(input_=clip[idx], prev_state=state)
        saliency_map = saliency_map.squeeze(0)
