# source: https://github.com/google/brax/pull/152
# The fix the PR makes, as the FAQ it quotes says: total_loss += float(loss).
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(8, 32), nn.Tanh(), nn.Linear(32, 1))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)


def criterion(output):
    return output.pow(2).mean()


input = torch.randn(16, 8)
total_loss = 0
for i in range(5):
    optimizer.zero_grad()
    output = model(input)
    loss = criterion(output)
    loss.backward()
    optimizer.step()
    total_loss += float(loss)
print(total_loss / 5)
