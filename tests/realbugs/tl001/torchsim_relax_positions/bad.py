# source: https://github.com/TorchSim/torch-sim/issues/469
# The wrapped model converts the state's tensors to numpy for the external
# calculator; in a relaxation the optimizer makes the positions require grad.
import numpy as np
import torch
import torch.nn as nn


class SimState:
    def __init__(self, positions, atomic_numbers, cell, pbc):
        self.positions = positions
        self.atomic_numbers = atomic_numbers
        self.cell = cell
        self.pbc = pbc


class PairPotential(nn.Module):
    """Stands in for the external calculator: energies from numpy arrays."""

    def forward(self, positions, atomic_numbers, cell):
        pos = torch.from_numpy(positions)
        diff = pos[:, None, :] - pos[None, :, :]
        dist = diff.norm(dim=-1) + torch.eye(len(pos), dtype=pos.dtype)
        return (1.0 / dist).triu(1).sum()


class FairChemModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.calc = PairPotential()

    def forward(self, state):
        positions = state.positions.cpu().numpy()  # error: TL001
        atomic_numbers = state.atomic_numbers.cpu().numpy()
        cell = state.cell.cpu().numpy()
        energy = self.calc(positions, atomic_numbers, cell)
        return {"energy": energy}


def optimize(model, state, steps=3, lr=0.01):
    state.positions = state.positions.clone().requires_grad_(True)
    optimizer = torch.optim.SGD([state.positions], lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        out = model(state)
        optimizer.step()
    return state


state = SimState(torch.rand(8, 3, dtype=torch.float64) * 4, torch.full((8,), 14), torch.eye(3) * 5.43, torch.tensor([True] * 3))
optimize(FairChemModel(), state)
