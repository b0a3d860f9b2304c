# source: https://github.com/meta-pytorch/tnt/pull/551
# An in-memory logger turns each logged scalar into a float; an integration test
# with a full training loop logs the loss tensor straight from the step.
import torch
import torch.nn as nn


def scalar_to_float(scalar):
    if isinstance(scalar, torch.Tensor):
        scalar = scalar.squeeze()
        numel = scalar.numel()
        if numel != 1:
            raise ValueError(f"Scalar tensor must contain a single item, {numel} given.")
        return float(scalar.cpu().numpy().item())  # error: TL001
    return float(scalar)


class InMemoryLogger:
    def __init__(self):
        self.log_buffer = {}

    def log(self, name, data, step):
        self.log_buffer.setdefault(step, {})[name] = scalar_to_float(data)


def train(model, batches, logger, lr=0.1):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    for step, (x, y) in enumerate(batches):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        logger.log("train_loss", loss, step)


model = nn.Linear(8, 1)
batches = [(torch.randn(16, 8), torch.randn(16, 1)) for _ in range(3)]
train(model, batches, InMemoryLogger())
