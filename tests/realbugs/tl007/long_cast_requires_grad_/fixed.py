# source: https://github.com/pytorch/pytorch/issues/40264
# Fixed: only the floating point tensor requires grad; its long copy is
# integer data outside the graph.
import torch

x = torch.rand(3, 3)
x.requires_grad_()
y = x.long()  # the copy kept (a bare x.long() would be thrown away: TL103)
