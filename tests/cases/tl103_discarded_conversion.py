# case: the input moved with x.to(device) as a statement, then given to the model
import torch
import torch.nn as nn

device = torch.device("meta")  # stands for a GPU: a device the tensor is not on
model = nn.Linear(4, 2)
model.to(device)
x = torch.randn(8, 4)
x.to(device)  # error: TL103 col 3
out = model(x)

# case: integer class labels made long as a statement before cross_entropy
import torch
import torch.nn.functional as F

logits = torch.randn(4, 3)
labels = torch.tensor([0.0, 2.0, 1.0, 0.0])
labels.long()  # error: TL103 col 8
loss = F.cross_entropy(logits, labels)

# case: a helper converts its argument with .float() and returns the argument
import torch


def normalise(images):
    images.float()  # error: TL103 col 12
    return images / 255


pixels = torch.randint(0, 256, (2, 3, 8, 8), dtype=torch.uint8)
scaled = normalise(pixels)

# case: each batch made half precision as a statement in a loop
import torch

batches = [torch.randn(2, 4), torch.randn(2, 4)]
total = 0.0
for batch in batches:
    batch.half()  # error: TL103 col 11
    total += float(batch.sum())

# case: a mask made bool as a statement before masked_fill
import torch

scores = torch.randn(3, 3)
mask = torch.tril(torch.ones(3, 3))
mask.bool()  # error: TL103 col 6
scores = scores.masked_fill(mask == 0, float("-inf"))

# case: .type(torch.float64) as a statement
import torch

t = torch.arange(5)
t.type(torch.float64)  # error: TL103 col 3
mean = t.sum() / 5

# case: forward converts its input with .double() as a statement
import torch
import torch.nn as nn


class Regressor(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 1)

    def forward(self, x):
        x.double()  # error: TL103 col 11
        return self.fc(x)


model = Regressor()
y = model(torch.randn(2, 4))

# case: a buffer of the model moved as a statement, not assigned back
import torch
import torch.nn as nn


class Smoother(nn.Module):
    def __init__(self):
        super().__init__()
        self.kernel = torch.ones(3) / 3

    def forward(self, x):
        return x * self.kernel.sum()


net = Smoother()
net.kernel.to(torch.float16)  # error: TL103 col 12
out = net(torch.randn(3))

# case: the model moved with model.to(device) as a statement is moved in place (a module)
import torch
import torch.nn as nn

device = torch.device("cpu")
model = nn.Linear(4, 2)
model.to(device)
out = model(torch.randn(3, 4))

# case: a module of the file made float and double as statements (in place)
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


net = Net()
net.double()
net.float()
out = net(torch.randn(3, 4))

# case: a submodule made float after the model was made half (a module: in place)
import torch
import torch.nn as nn


class PrefixModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.prefix_encoder = nn.Embedding(4, 8)
        self.body = nn.Linear(8, 8)


model = PrefixModel()
model = model.half()
model.prefix_encoder.float()
out = model.prefix_encoder(torch.tensor([0, 1]))

# case: model.cuda() as a statement where CUDA is available (a module: in place)
import torch
import torch.nn as nn

model = nn.Linear(4, 2)
if torch.cuda.is_available():
    model.cuda()

# case: the converted input assigned back
import torch

x = torch.arange(4)
x = x.to(torch.float64)
y = x / 3

# case: x.type() with no argument names the type: nothing converted
import torch

x = torch.arange(4)
x.type()

# case: a batch object of the file whose to() moves its tensors in place
import torch


class Batch:
    def __init__(self, x):
        self.x = x

    def to(self, device):
        self.x = self.x.to(device)
        return self


batch = Batch(torch.randn(2, 3))
batch.to(torch.device("cpu"))

# case: conversions used as arguments, returned and in a comprehension
import torch
import torch.nn as nn

model = nn.Linear(4, 2)
inputs = [torch.randint(0, 5, (2, 4)) for _ in range(2)]
outputs = [model(t.float()) for t in inputs]


def as_float(t):
    return t.float()


scores = as_float(torch.arange(3))

# case: a value of an unknown library may have an in-place to(): silent
import torch


def train_step(batch, device):
    batch.to(device)
    return batch


# run: train_step(torch.zeros(2), torch.device("cpu"))

# case: the parameters of a module moved through p.data = p.data.to(...)
import torch
import torch.nn as nn

model = nn.Linear(4, 2)
for p in model.parameters():
    p.data = p.data.to(torch.float64)

# case: conversions to the dtype the tensor already has return the tensor itself: nothing is thrown away
import torch

x = torch.randn(3)
x.float()
x.to(torch.float32)
labels = torch.arange(3)
labels.long()
y = x * 2

# case: a copy asked for explicitly is thrown away even at the same dtype
import torch

x = torch.randn(3)
x.to(torch.float32, copy=True)  # error: TL103 col 3
y = x * 2

# case: a mask converted to the dtype and device of the scores it was made for: .to() returns it
import torch


def additive_mask(scores):
    size = scores.size(-1)
    mask = torch.zeros(size, size, dtype=scores.dtype, device=scores.device)
    mask.masked_fill_(torch.ones(size, size, dtype=torch.bool).triu(1), float("-inf"))
    mask.to(scores.dtype)
    mask.to(scores.device)
    mask.to(scores.device, scores.dtype)
    mask.to(device=scores.device, dtype=scores.dtype)
    return scores + mask


out = additive_mask(torch.randn(2, 4, 4, dtype=torch.float64))

# case: a buffer made with an unknown caller's dtype and device, converted back to them: nothing made
import torch


def padded_like(reference, extra):
    pad = torch.zeros(extra, dtype=reference.dtype, device=reference.device)
    pad.to(reference.device)
    pad.to(dtype=reference.dtype)
    return torch.cat([reference, pad])


# run: padded_like(torch.arange(3), 2)

# case: a tensor made with one input's dtype converted to another input's dtype as a statement
import torch


def blend(weights, values):
    acc = torch.zeros(3, dtype=weights.dtype)
    acc.to(values.dtype)  # error: TL103 col 9
    return acc + values


out = blend(torch.ones(3), torch.ones(3, dtype=torch.float64))

# case: the name the dtype was read from bound to another tensor before the conversion
import torch


def rescale(source, target):
    buffer = torch.ones(2, dtype=source.dtype)
    source = target
    buffer.to(source.dtype)  # error: TL103 col 12
    return buffer * 2


out = rescale(torch.ones(2, dtype=torch.float16), torch.ones(2, dtype=torch.float64))

# case: each calibration batch sent back to the CPU at the end of its round, never read again
import torch
import torch.nn as nn


def calibrate(model, batches, device="cpu"):
    for batch in batches:
        model(batch.to(device))
        batch.to("cpu")


inputs = torch.randn(6, 4)
calibrate(nn.Linear(4, 2), [inputs[i:i + 2] for i in range(0, 6, 2)])

# case: the loop variable of an enumerate moved as the round's last statement, in an uncalled helper
import torch


def warm_up(model, chunks):
    for step, chunk in enumerate(chunks):
        model(chunk.to("cpu"), step)
        chunk.to("cpu")


# run: warm_up(lambda x, s: x * s, [torch.ones(2), torch.zeros(2)])

# case: each parameter of the module moved as a statement: the module keeps them where they were
import torch
import torch.nn as nn


class Tower(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def place(self, device):
        for param in self.parameters():
            param.to(device)  # error: TL103 col 19


tower = Tower()
tower.place(torch.device("meta"))

# case: the tensors of a list moved one by one as statements, then the list is returned
import torch


def to_double(tensors):
    for t in tensors:
        t.double()  # error: TL103 col 11
    return tensors


out = to_double([torch.ones(2), torch.zeros(3)])

# case: a loop variable moved as a statement, then read after the loop
import torch


def last_row(rows):
    for row in rows:
        row.double()  # error: TL103 col 13
    return row * 2


out = last_row([torch.ones(2), torch.zeros(2)])

# case: a batch kept in a list, then moved as a statement: the list holds the unmoved batch
import torch


def collect(batches):
    kept = []
    for batch in batches:
        kept.append(batch)
        batch.to(torch.device("meta"))  # error: TL103 col 15
    return kept


out = collect([torch.ones(2), torch.zeros(2)])
