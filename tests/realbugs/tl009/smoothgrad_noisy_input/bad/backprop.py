# source: https://github.com/microsoft/tensorwatch/issues/25
import torch


class VanillaGradExplainer:
    def __init__(self, model):
        self.model = model

    def _backprop(self, inp, ind):
        inp.requires_grad = True  # error: TL009
        output = self.model(inp)
        grad_out = torch.zeros_like(output)
        grad_out[:, ind] = 1.0
        output.backward(grad_out)
        return inp.grad  # also: TL006

    def explain(self, inp, ind):
        return self._backprop(inp, ind)


class SmoothGradExplainer:
    def __init__(self, base_explainer, stdev_spread=0.15, nsamples=2):
        self.base_explainer = base_explainer
        self.stdev_spread = stdev_spread
        self.nsamples = nsamples

    def explain(self, inp, ind):
        stdev = self.stdev_spread * (inp.max() - inp.min())
        total_gradients = 0
        for _ in range(self.nsamples):
            noise = torch.randn_like(inp) * stdev
            noisy_inp = inp + noise
            grad = self.base_explainer.explain(noisy_inp, ind)
            total_gradients = total_gradients + grad
        return total_gradients / self.nsamples
