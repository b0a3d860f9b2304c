# source: https://github.com/ShusenTang/Dive-into-DL-PyTorch/issues/146
# The from-scratch character RNN of chapter 6.4, trained with consecutive
# sampling: the hidden state is made once before the batches and handed from
# one batch to the next. The issue explains that the per-batch detach of the
# state exists so that the backward does not run into the previous batch's
# freed graph: the fixed version detaches it at the start of each batch.
import torch

num_inputs, num_hiddens, num_outputs = 6, 8, 6


def get_params():
    def _one(shape):
        return torch.nn.Parameter(torch.randn(shape) * 0.01)

    W_xh, W_hh = _one((num_inputs, num_hiddens)), _one((num_hiddens, num_hiddens))
    b_h = torch.nn.Parameter(torch.zeros(num_hiddens))
    W_hq, b_q = _one((num_hiddens, num_outputs)), torch.nn.Parameter(torch.zeros(num_outputs))
    return [W_xh, W_hh, b_h, W_hq, b_q]


def rnn(inputs, state, params):
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, = state
    outputs = []
    for X in inputs:
        H = torch.tanh(torch.matmul(X, W_xh) + torch.matmul(H, W_hh) + b_h)
        Y = torch.matmul(H, W_hq) + b_q
        outputs.append(Y)
    return outputs, (H,)


params = get_params()
loss = torch.nn.CrossEntropyLoss()
batch_size, num_steps = 2, 3
state = (torch.zeros(batch_size, num_hiddens),)
for X, Y in [(torch.randint(0, 6, (batch_size, num_steps)), torch.randint(0, 6, (batch_size, num_steps)))
             for _ in range(3)]:
    for s in state:
        s.detach_()
    inputs = [torch.nn.functional.one_hot(X[:, i], num_inputs).float() for i in range(num_steps)]
    (outputs, state) = rnn(inputs, state, params)
    outputs = torch.cat(outputs, dim=0)
    y = torch.transpose(Y, 0, 1).contiguous().view(-1)
    l = loss(outputs, y.long())
    for param in params:
        param.grad = None
    l.backward()
    with torch.no_grad():
        for param in params:
            param -= 0.1 * param.grad
