# source: https://github.com/tding1/CDFI/issues/15
# The Loss class sums a reconstruction term and weighted regularizers; one model
# output used as a regularizer is a tensor of 2 values, so the "total" is not a scalar.
import torch
import torch.nn as nn


class Loss(nn.Module):
    def __init__(self, loss_spec="1*Charb+0.01*g_Spatial"):
        super().__init__()
        self.loss = []
        self.regularize = []
        for item in loss_spec.split("+"):
            weight, kind = item.split("*")
            if kind.startswith("g_"):
                self.regularize.append({"type": kind, "weight": float(weight)})
            else:
                self.loss.append({"type": kind, "weight": float(weight)})

    def forward(self, output, gt):
        losses = []
        for l in self.loss:
            losses.append(l["weight"] * torch.sqrt((output["frame1"] - gt) ** 2 + 1e-6).mean())
        for r in self.regularize:
            effective_loss = r["weight"] * output[r["type"]]
            losses.append(sum(effective_loss))
        loss_sum = sum(losses)
        return loss_sum


class Interpolator(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Conv2d(6, 3, 3, padding=1)

    def forward(self, frame0, frame2):
        frame1 = self.net(torch.cat([frame0, frame2], dim=1))
        grad_x = (frame1[..., 1:] - frame1[..., :-1]).abs()
        spatial = torch.stack([grad_x.mean(), grad_x.std()])
        return {"frame1": frame1, "g_Spatial": spatial}


model = Interpolator()
criterion = Loss()
optimizer = torch.optim.Adamax(model.parameters(), lr=1e-3)
frame0, frame1, frame2 = torch.rand(3, 4, 3, 32, 32)
output = model(frame0, frame2)
loss = criterion(output, frame1)
optimizer.zero_grad()
loss.backward()
optimizer.step()
