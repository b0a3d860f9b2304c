# source: https://github.com/karpathy/nn-zero-to-hero/issues/31
# The bigram network of the makemore lecture, trained by gradient descent: the
# forward pass is computed anew in each round, as in the lecture.
import torch
import torch.nn.functional as F

xs = torch.tensor([0, 5, 13, 13, 1])
ys = torch.tensor([5, 13, 13, 1, 0])
g = torch.Generator().manual_seed(2147483647)
W = torch.randn((27, 27), generator=g, requires_grad=True)

for k in range(10):
    # forward pass
    xenc = F.one_hot(xs, num_classes=27).float()
    logits = xenc @ W
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdim=True)
    loss = -probs[torch.arange(5), ys].log().mean()
    print(loss.item())

    # backward pass
    W.grad = None
    loss.backward()
    # update
    W.data += -0.1 * W.grad
