# source: https://github.com/affaan-m/ECC/pull/3122
# Fixed as the review suggests: optimizer.zero_grad() before each batch's loss.
import torch
import torch.nn as nn

torch.manual_seed(0)


class TinyGPT(nn.Module):
    def __init__(self, vocab=16, dim=8):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.out = nn.Linear(dim, vocab)

    def forward(self, idx):
        return self.out(self.emb(idx))


def calc_loss_batch(input_batch, target_batch, model, device):
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    return nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())


def train_model_simple(model, train_loader, optimizer, device, num_epochs):
    for epoch in range(num_epochs):
        model.train()
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = calc_loss_batch(x, y, model, device)
            loss.backward(); optimizer.step()
    return model


model = TinyGPT()
optimizer = torch.optim.AdamW(model.parameters(), lr=4e-4, weight_decay=0.1)
train_loader = [(torch.randint(0, 16, (2, 6)), torch.randint(0, 16, (2, 6))) for _ in range(3)]
train_model_simple(model, train_loader, optimizer, torch.device("cpu"), num_epochs=1)
