# source: https://github.com/PaddlePaddle/PaddleTest/pull/2935
# Fixed: the loss is built from the topk values, which carry the gradient; the
# indices only select.
import torch

x = torch.randn([4, 10])
x.requires_grad = True
out, index = torch.topk(x, k=1, dim=0)
y2 = out.flatten()
loss = y2.sum()
loss.backward()

print(x.grad)
