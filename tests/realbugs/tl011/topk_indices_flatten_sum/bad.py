# source: https://github.com/PaddlePaddle/PaddleTest/pull/2935
# The torch script the pull request gives to show torch fails too: the values
# and indices of topk, the loss summed from the flattened indices, backward.
import torch

x = torch.randn([4, 10])
x.requires_grad = True
out, index = torch.topk(x, k=1, dim=0)
y2 = index.flatten()
loss = y2.sum()
loss.backward()  # error: TL011

print(x.grad)
