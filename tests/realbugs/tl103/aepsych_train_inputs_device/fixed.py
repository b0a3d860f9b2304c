# source: https://github.com/facebookresearch/aepsych/pull/672
# Fixed as in the pull request: the property returns, and the setter stores, a
# tuple of the inputs moved with input.to(self.device).
import math
from typing import Optional, Tuple

import torch
from torch import nn


class AEPsychModelMixin:
    _train_inputs: Optional[Tuple[torch.Tensor]]
    _train_targets: Optional[torch.Tensor]

    @property
    def device(self) -> torch.device:
        return next(self.parameters()).device

    @property
    def train_inputs(self) -> Optional[Tuple[torch.Tensor]]:
        if self._train_inputs is None:
            return None

        # Make sure tuples are in the right device
        return tuple([input.to(self.device) for input in self._train_inputs])

    @train_inputs.setter
    def train_inputs(self, train_inputs: Optional[Tuple[torch.Tensor]]) -> None:
        if train_inputs is None:
            self._train_inputs = None
        else:
            inputs = tuple([input.to(self.device) for input in train_inputs])

            self._train_inputs = inputs

    @property
    def train_targets(self) -> Optional[torch.Tensor]:
        if self._train_targets is None:
            return None
        self._train_targets = self._train_targets.to(self.device)
        return self._train_targets

    @train_targets.setter
    def train_targets(self, train_targets: Optional[torch.Tensor]) -> None:
        self._train_targets = None if train_targets is None else train_targets.to(self.device)


class GPRegressionModel(AEPsychModelMixin, nn.Module):
    def __init__(self, dim: int):
        nn.Module.__init__(self)
        self.constant = nn.Parameter(torch.zeros(()))
        self.raw_lengthscale = nn.Parameter(torch.zeros(dim))
        self._train_inputs = None
        self._train_targets = None

    def forward(self, x):
        z = x / nn.functional.softplus(self.raw_lengthscale)
        covar = torch.exp(-0.5 * torch.cdist(z, z) ** 2) + 1e-2 * torch.eye(x.shape[0], device=x.device)
        return self.constant.expand(x.shape[0]), covar

    def neg_mll(self):
        train_x, train_y = self.train_inputs[0], self.train_targets
        mean, covar = self(train_x)
        L = torch.linalg.cholesky(covar)
        alpha = torch.cholesky_solve((train_y - mean).unsqueeze(-1), L)
        return 0.5 * ((train_y - mean).unsqueeze(-1) * alpha).sum() + L.diagonal().log().sum() \
            + 0.5 * train_x.shape[0] * math.log(2 * math.pi)


model = GPRegressionModel(dim=2).to("meta")
model.train_inputs = (torch.rand(8, 2),)
model.train_targets = torch.randn(8)
loss = model.neg_mll()
