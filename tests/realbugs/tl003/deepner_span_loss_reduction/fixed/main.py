# source: https://github.com/z814081807/DeepNER/issues/19
# The training loop of train.py backpropagates the loss the span model returns.
import torch

from model_utils import SpanModel


def train(model, batches, optimizer):
    model.train()
    for token_ids, masks, start_ids, end_ids in batches:
        loss = model(token_ids, masks, start_ids, end_ids)[0]
        model.zero_grad()
        loss.backward()
        optimizer.step()


model = SpanModel()
batches = [(torch.randint(0, 100, (4, 20)), torch.ones(4, 20, dtype=torch.long),
            torch.randint(0, 6, (4, 20)), torch.randint(0, 6, (4, 20))) for _ in range(2)]
train(model, batches, torch.optim.AdamW(model.parameters(), lr=2e-5))
