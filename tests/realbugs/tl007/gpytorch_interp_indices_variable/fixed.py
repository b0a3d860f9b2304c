# source: https://github.com/cornellius-gp/gpytorch/issues/169
# Fixed as in the commit that closed the issue (34a5369): the interpolation
# indices are plain LongTensors, only the values, the base matrix and the
# right-hand side require grad.
import unittest

import torch


def interpolated_inv_matmul(base, left_interp_indices, left_interp_values, right_interp_indices,
                            right_interp_values, rhs):
    n = base.size(-1)
    left = torch.zeros(left_interp_indices.size(0), n).scatter(1, left_interp_indices, left_interp_values)
    right = torch.zeros(right_interp_indices.size(0), n).scatter(1, right_interp_indices, right_interp_values)
    return torch.linalg.solve(left.matmul(base).matmul(right.t()), rhs)


class TestInterpolatedLazyVariable(unittest.TestCase):
    def test_inv_matmul(self):
        base_lazy_variable_mat = torch.randn(6, 6)
        base_lazy_variable_mat = base_lazy_variable_mat.t().matmul(base_lazy_variable_mat) + torch.eye(6)
        test_matrix = torch.randn(3, 4)

        left_interp_indices = torch.LongTensor([[2, 3], [3, 4], [4, 5]])
        left_interp_values = torch.Tensor([[1, 2], [0.5, 1], [1, 3]])
        left_interp_values_copy = left_interp_values.clone()
        left_interp_values.requires_grad = True
        left_interp_values_copy.requires_grad = True

        right_interp_indices = torch.LongTensor([[2, 3], [3, 4], [4, 5]])
        right_interp_values = torch.Tensor([[1, 2], [0.5, 1], [1, 3]])
        right_interp_values_copy = right_interp_values.clone()
        right_interp_values.requires_grad = True
        right_interp_values_copy.requires_grad = True

        base_lazy_variable = base_lazy_variable_mat.clone()
        base_lazy_variable.requires_grad = True
        base_lazy_variable_copy = base_lazy_variable_mat.clone()
        base_lazy_variable_copy.requires_grad = True
        test_matrix_var = test_matrix
        test_matrix_var.requires_grad = True

        res = interpolated_inv_matmul(base_lazy_variable, left_interp_indices, left_interp_values,
                                      right_interp_indices, right_interp_values, test_matrix_var)

        left_matrix = torch.zeros(3, 6)
        right_matrix = torch.zeros(3, 6)
        left_matrix.scatter_(1, left_interp_indices, left_interp_values_copy)
        right_matrix.scatter_(1, right_interp_indices, right_interp_values_copy)
        actual_mat = left_matrix.matmul(base_lazy_variable_copy).matmul(right_matrix.transpose(-1, -2))
        actual = torch.linalg.solve(actual_mat, test_matrix_var)
        self.assertTrue(torch.allclose(res, actual, atol=1e-4))

        # Backward pass
        res.sum().backward()
        actual.sum().backward()
        self.assertTrue(torch.allclose(base_lazy_variable.grad, base_lazy_variable_copy.grad, atol=1e-3))
        self.assertTrue(torch.allclose(left_interp_values.grad, left_interp_values_copy.grad, atol=1e-3))


TestInterpolatedLazyVariable("test_inv_matmul").test_inv_matmul()
