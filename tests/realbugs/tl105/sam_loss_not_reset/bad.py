# source: https://github.com/davda54/sam/issues/10
# A commenter's SAM training step for a multi-task classifier: the loss is the
# sum of the per-task losses, accumulated into `loss` starting from 0. After
# the first backward and first_step, the second forward pass accumulates its
# task losses onto the same `loss` variable without resetting it, so the
# second backward also runs through the first pass's freed graph. Resetting
# loss = 0 before the second accumulation fixes it. A plain SGD-based
# two-step optimizer stands in for SAM.
import torch
import torch.nn as nn

torch.manual_seed(0)


class SAM(torch.optim.Optimizer):
    def __init__(self, params, rho=0.05, lr=0.1):
        super().__init__(params, dict(rho=rho, lr=lr))

    @torch.no_grad()
    def first_step(self, zero_grad=False):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                e_w = group["rho"] * p.grad / (p.grad.norm() + 1e-12)
                p.add_(e_w)
                self.state[p]["e_w"] = e_w
        if zero_grad:
            self.zero_grad()

    @torch.no_grad()
    def second_step(self, zero_grad=False):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                p.sub_(self.state[p]["e_w"])
                p.add_(p.grad, alpha=-group["lr"])
        if zero_grad:
            self.zero_grad()


class Net(nn.Module):
    def __init__(self, num_tasks):
        super().__init__()
        self.body = nn.Linear(6, 4)
        self.head = nn.Linear(4, num_tasks)

    def forward(self, x):
        feat = torch.relu(self.body(x))
        return self.head(feat), feat


def get_loss(output, target, t):
    loss_t = nn.functional.binary_cross_entropy_with_logits(output[:, t], target[:, t])
    acc_t = ((output[:, t] > 0).float() == target[:, t]).float().mean()
    return loss_t, acc_t


num_tasks = 3
model = Net(num_tasks)
optimizer = SAM(model.parameters())
loss_sum = [0.0] * num_tasks
acc_sum = [0.0] * num_tasks
image, target = torch.randn(5, 6), torch.randint(0, 2, (5, num_tasks)).float()

output, logit_map = model(image)
loss = 0
for t in range(num_tasks):
    loss_t, acc_t = get_loss(output, target, t)
    loss += loss_t
    loss_sum[t] += loss_t.item()
    acc_sum[t] += acc_t.item()
optimizer.zero_grad()
loss.backward()
optimizer.first_step(zero_grad=True)

output, logit_map = model(image)
for t in range(num_tasks):
    loss_t, acc_t = get_loss(output, target, t)
    loss += loss_t
    loss_sum[t] += loss_t.item()
    acc_sum[t] += acc_t.item()
loss.backward()  # error: TL105
optimizer.second_step(zero_grad=True)
