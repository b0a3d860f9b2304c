# source: https://github.com/facebookresearch/SparseConvNet/issues/220
# DenseToSparseFunction moves the channels last with permute(...).clone() and then
# flattens the sites with .view(-1, C); clone keeps the permuted strides.
import torch
from torch.autograd import Function
from torch.nn import Module


class DenseToSparseFunction(Function):
    @staticmethod
    def forward(ctx, input, dimension):
        ctx.dimension = dimension
        aa = input.permute(*([0, ] + list(range(2, 2 + dimension)) + [1, ])).clone()
        ctx.aas = aa.size()
        nz = aa.abs().sum(dimension + 1).view(aa.size()[0:-1])
        s = torch.LongTensor(nz.stride()).view(1, dimension + 1)
        nz = nz.nonzero()
        s = s.type_as(nz)
        aa = aa.view(-1, input.size(1))  # error: TL002
        r = (nz * s.expand_as(nz)).sum(1).view(-1)
        output_features = aa.index_select(0, r)
        ctx.save_for_backward(r)
        return output_features

    @staticmethod
    def backward(ctx, grad_output):
        (r,) = ctx.saved_tensors
        grad_input = grad_output.new_zeros(ctx.aas[0] * ctx.aas[1] * ctx.aas[2], grad_output.size(1))
        grad_input.index_copy_(0, r, grad_output)
        grad_input = grad_input.view(ctx.aas).permute(0, ctx.dimension + 1, *range(1, ctx.dimension + 1))
        return grad_input, None


class DenseToSparse(Module):
    def __init__(self, dimension):
        Module.__init__(self)
        self.dimension = dimension

    def forward(self, input):
        return DenseToSparseFunction.apply(input, self.dimension)


images = torch.relu(torch.randn(2, 3, 8, 8))
features = DenseToSparse(2)(images)
