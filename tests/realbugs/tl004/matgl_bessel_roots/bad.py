# source: https://github.com/materialyzeai/matgl/issues/258
# The spherical Bessel radial basis precomputes the roots of each Bessel order
# as a tensor and converts each row again when building the basis.
import math

import torch
import torch.nn as nn


def spherical_bessel_roots(max_l, max_n):
    roots = torch.zeros(max_l, max_n)
    for l in range(max_l):
        roots[l] = (torch.arange(1, max_n + 1, dtype=torch.float32) + l / 2) * math.pi
    return roots


class SphericalBesselWithHarmonics(nn.Module):
    def __init__(self, max_l=3, max_n=4, cutoff=5.0):
        super().__init__()
        self.max_l = max_l
        self.max_n = max_n
        self.cutoff = cutoff
        self.roots = spherical_bessel_roots(max_l, max_n)

    def forward(self, r):
        results = []
        roots = self.roots
        for i in range(self.max_l):
            root = torch.tensor(roots[i])  # error: TL004
            results.append(torch.sin(root[None, :] * r[:, None] / self.cutoff) / r[:, None])
        return torch.cat(results, dim=1)


basis = SphericalBesselWithHarmonics()
features = basis(torch.rand(16) * 4.5 + 0.5)
