"""TL105 backward-through-freed-graph: a second backward() through saved tensors a first one freed."""

from torchlint.api import Finding, Kind, Repro, Rule


class BackwardThroughFreedGraph(Rule):
    code = "TL105"
    name = "backward-through-freed-graph"
    summary = ("a second `backward()` through a graph a first `backward()` already freed: state carried across "
               "a loop's rounds without `.detach()`, or an intermediate shared by two losses")
    triggers = ("backward(",)
    methods = ("backward",)
    functions = ("torch.autograd.backward",)
    doc = """
## What it does
Finds a `backward()` (or `torch.autograd.backward`) whose graph goes through
nodes an earlier `backward()` already ran without `retain_graph=True`, where
those nodes keep saved tensors (a `tanh`, `exp`, `sigmoid`, a product, even by
a Python number, a layer, a loss):

- state carried from one round of a loop to the next without `.detach()`: an
  RNN's hidden state, a running value (`avg = 0.9 * avg + 0.1 * loss`), so that
  the second round's backward runs into the first round's graph;
- an intermediate shared by two losses, each with its own `backward()`.

A graph of only additions, views and sums keeps no saved tensors and is
not reported (torch runs its backward again without complaint); nor is
`torch.autograd.grad` or `backward(inputs=...)`, which run only the nodes on
the paths to their inputs.

## Why is this bad?
`backward()` frees the saved tensors of every node it runs, to save memory.
The second backward reaches a node whose saved tensors are gone, and PyTorch
raises:

    RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed)

In a loop it happens in the second round: the first one runs.

## Example
```python
h = torch.zeros(batch, hidden)
for x, y in loader:
    h = torch.tanh(x @ W + h @ U)
    loss = criterion(h, y)
    loss.backward()
```

## Use instead
```python
h = torch.zeros(batch, hidden)
for x, y in loader:
    h = h.detach()              # the state's value goes on, its history stops here
    h = torch.tanh(x @ W + h @ U)
    loss = criterion(h, y)
    loss.backward()
```
For two losses, add them and call `backward()` once (`(loss1 + loss2).backward()`).
`retain_graph=True` on the first backward silences the error, but in a loop it
keeps every round's graph alive (memory grows each round) and backpropagates
into earlier rounds again: detach the carried state instead.
"""
    repro = Repro(
        bad="""
import torch

W = torch.randn(4, 4, requires_grad=True)
h = torch.zeros(4)
for step in range(3):
    x = torch.randn(4)
    h = torch.tanh(W @ h + x)
    loss = h.sum()
    loss.backward()
""",
        good="""
import torch

W = torch.randn(4, 4, requires_grad=True)
h = torch.zeros(4)
for step in range(3):
    x = torch.randn(4)
    h = h.detach()
    h = torch.tanh(W @ h + x)
    loss = h.sum()
    loss.backward()
""",
        error="RuntimeError",
        message="Trying to backward through the graph a second time",
    )

    def check(self, event):
        found = event.freed_graph
        if found is None or event.has_star:
            return None
        first, place, carried = found
        if event.kind == Kind.METHOD:
            this = f"{event.receiver_text()}.backward()"
        else:
            this = event.call_text()
        if carried is not None:
            loop, name, in_tuple, rebound = carried
            if not rebound:
                return Finding("'{this}'{via} runs backward through the graph that '{first}' on {place} freed in "
                               "the previous round of the {loop}: '{name}' is computed once, before the loop (fails "
                               "from the second round on); compute it inside the loop, so that each round builds "
                               "its own graph", {"this": this, "first": first, "place": place, "loop": loop,
                                                 "name": name},
                               origin=event.freed_graph_origin, origin_note="the graph was freed here")
            detached = f"tuple(t.detach() for t in {name})" if in_tuple else f"{name}.detach()"
            return Finding("'{this}'{via} runs backward through the graph that '{first}' on {place} freed in the "
                           "previous round of the {loop}: '{name}' carries that graph from round to round (fails "
                           "from the second round on); detach the carried state at the start of each round "
                           "('{name} = {detached}'); retain_graph=True would only hide the error and keep every "
                           "round's graph alive", {"this": this, "first": first, "place": place, "loop": loop,
                                                   "name": name, "detached": detached},
                           origin=event.freed_graph_origin, origin_note="the graph was freed here")
        return Finding("'{this}'{via} runs backward through saved tensors that '{first}' on {place} already freed: "
                       "add the losses and call backward() once ('(a + b).backward()'), or detach what the second "
                       "should not backpropagate into; retain_graph=True on the first backward() only if both "
                       "passes are really needed", {"this": this, "first": first, "place": place},
                       origin=event.freed_graph_origin, origin_note="the graph was freed here")
