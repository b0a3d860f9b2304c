# source: https://github.com/wenet-e2e/wekws/pull/73
# Fixed as the PR does: optimizer.zero_grad() above loss.backward().
import torch
import torch.nn as nn

torch.manual_seed(0)


def max_pooling_loss(logits, target):
    return nn.functional.binary_cross_entropy(torch.sigmoid(logits).max(dim=1)[0], target)


class Executor:
    def __init__(self):
        self.step = 0

    def train(self, model, optimizer, data_loader, device, args):
        model.train()
        clip = args.get('grad_clip', 50.0)
        for batch_idx, batch in enumerate(data_loader):
            key, feats, target = batch
            feats = feats.to(device)
            target = target.to(device)
            logits = model(feats).squeeze(-1)
            loss = max_pooling_loss(logits, target)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), clip)
            optimizer.step()
            self.step += 1


model = nn.Sequential(nn.Linear(5, 8), nn.ReLU(), nn.Linear(8, 1))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
data_loader = [("utt%d" % i, torch.randn(2, 7, 5), torch.randint(0, 2, (2,)).float()) for i in range(3)]
Executor().train(model, optimizer, data_loader, torch.device("cpu"), {"grad_clip": 5.0})
