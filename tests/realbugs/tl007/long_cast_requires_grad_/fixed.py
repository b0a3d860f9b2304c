# source: https://github.com/pytorch/pytorch/issues/40264
# Fixed: only the floating point tensor requires grad; its long copy is
# integer data outside the graph.
import torch

x = torch.rand(3, 3)
x.requires_grad_()
x.long()
