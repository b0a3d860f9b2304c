# source: https://github.com/cornellius-gp/gpytorch/pull/2090
# gpytorch's PivotedCholesky autograd Function rebuilds the matrix in backward
# from fresh copies of the lazy tensor's arguments, each given
# .detach().requires_grad_(True). A KISS-GP kernel is an interpolated lazy
# tensor whose arguments include the integer interpolation index matrices,
# so the preconditioned model fails in backward. Here the Cholesky is a full,
# unpivoted one of a tiny dense matrix.
import torch
from torch.autograd import Function


def interpolated_kernel(base_covar, interp_indices, interp_values):
    # W K W^T, W holding each point's interpolation weights on the grid
    W = torch.zeros(interp_indices.size(0), base_covar.size(-1)).scatter(1, interp_indices, interp_values)
    return W.matmul(base_covar).matmul(W.t()) + 0.1 * torch.eye(interp_indices.size(0))


class PivotedCholesky(Function):
    @staticmethod
    def forward(ctx, representation_tree, *matrix_args):
        ctx.representation_tree = representation_tree
        matrix = representation_tree(*matrix_args)
        ctx.save_for_backward(*matrix_args)
        return torch.linalg.cholesky(matrix)

    @staticmethod
    def backward(ctx, grad_output):
        _matrix_args = ctx.saved_tensors
        with torch.enable_grad():
            # Create a new set of matrix args that we can backpropagate through
            matrix_args = [matrix_arg.detach().requires_grad_(True) for matrix_arg in _matrix_args]  # error: TL007
            matrix = ctx.representation_tree(*matrix_args)
            res = torch.linalg.cholesky(matrix)
            res.backward(gradient=grad_output)
        return tuple([None] + [matrix_arg.grad for matrix_arg in matrix_args])


def kissgp_mll(raw_lengthscale, grid, interp_indices, interp_values, train_y):
    lengthscale = torch.nn.functional.softplus(raw_lengthscale)
    base_covar = torch.exp(-0.5 * (grid.unsqueeze(-1) - grid.unsqueeze(-2)) ** 2 / lengthscale ** 2)
    L = PivotedCholesky.apply(interpolated_kernel, base_covar, interp_indices, interp_values)
    alpha = torch.cholesky_solve(train_y.unsqueeze(-1), L)
    return 0.5 * (train_y.unsqueeze(-1) * alpha).sum() + L.diagonal().log().sum()


grid = torch.linspace(0, 1, 6)
train_x = torch.rand(5) * 0.99
left = (train_x * 5).floor().long()
interp_indices = torch.stack([left, left + 1], dim=-1)
frac = train_x * 5 - left
interp_values = torch.stack([1 - frac, frac], dim=-1)
raw_lengthscale = torch.nn.Parameter(torch.tensor(0.0))
loss = kissgp_mll(raw_lengthscale, grid, interp_indices, interp_values, torch.sin(6 * train_x))
loss.backward()
