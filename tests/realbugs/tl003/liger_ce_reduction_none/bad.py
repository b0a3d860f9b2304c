# source: https://github.com/linkedin/Liger-Kernel/pull/435
# The correctness test of the cross-entropy loss with reduction="none" calls
# backward() on the unreduced loss; the PR passes gradient=torch.ones_like(output).
import torch


def cross_entropy(logits, target, reduction="mean", ignore_index=-100):
    losses = torch.nn.functional.cross_entropy(logits, target, ignore_index=ignore_index, reduction="none")
    if reduction == "none":
        return losses
    return losses.sum() / (target != ignore_index).sum()


def test_correctness(B, T, V, reduction):
    _input = torch.randn(B * T, V, requires_grad=True)
    target = torch.randint(V, (B * T,))
    output = cross_entropy(_input, target, reduction=reduction)
    output.backward()  # error: TL003
    assert _input.grad.shape == (B * T, V)

# run: test_correctness(2, 8, 32, "none")
