"""Autograd graphs and what backward() frees of them.

An op recorded in grad mode on a tensor that requires grad adds a node to the
graph; some nodes keep saved tensors for their backward (exp its result, log its
input, a product each factor, a layer its input and weight, a loss its inputs).
A `backward()` without `retain_graph=True` runs every node of its graph and frees
their saved tensors; a second backward that reaches one of those nodes raises
"Trying to backward through the graph a second time". Nodes without saved
tensors (additions, views, sums) are freed of nothing: a graph of only those
runs backward any number of times.

The facts, on each tensor (`Tensor.nodes`, `freed_by`, `carried`), hold on every
path:

- `nodes`: tokens (`GraphNode`) of the nodes with saved tensors in its graph, one
  token for each time an op ran (a loop's rounds make new ones);
- `freed_by`: the call node of a backward() that freed nodes of its graph;
- `carried`: (that backward's call node, the loop, the name, whether the tensor is an
  item of the tuple the name holds) when a loop's later
  rounds start with the name bound to a tensor whose graph the previous round's
  backward freed (the first round starts from the value before the loop: the
  fact holds from the second round on).
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

from ..state import State, is_written
from ..values import MAYBE, NO, NUMBER, UNKNOWN, YES, Const, ListOf, Seq, Tensor, Tri, Value, _Unknown
from .versions import SAVE_INPUT, SAVE_OTHER, SAVE_RESULT

# ops and functions (by their last name: `x.mul(2)`, `x * 2`, `F.linear`, `torch.tanh`) whose
# node keeps saved tensors whenever their result requires grad (derivatives.yaml; each checked
# under torch: a second backward through it raises). A product saves each factor, even a
# Python number (`x * 2` saves the wrapped 2); a sum, a view, a copy, a concatenation save none.
SAVING_FUNCTIONS = frozenset(
    "linear bilinear conv1d conv2d conv3d conv_transpose1d conv_transpose2d conv_transpose3d embedding "
    "layer_norm batch_norm group_norm instance_norm rms_norm "
    "mse_loss l1_loss smooth_l1_loss huber_loss cross_entropy nll_loss binary_cross_entropy "
    "binary_cross_entropy_with_logits kl_div cosine_similarity "
    "relu gelu silu elu leaky_relu softplus mish hardtanh relu6 sigmoid tanh softmax log_softmax exp log "
    "matmul mm bmm mv dot einsum addmm outer "
    "mul __mul__ __rmul__ div __truediv__ __rtruediv__ true_divide pow __pow__ __rpow__ square sqrt rsqrt "
    "__matmul__ __rmatmul__ abs clamp clip max min amax amin maximum minimum norm var std prod logsumexp "
    "where masked_fill sin cos topk sort".split())
# torch.nn modules whose call keeps saved tensors when its output requires grad: the layers
# with parameters (table.LAYERS), the losses (table.LOSSES), and these activations
SAVING_ACTIVATIONS = frozenset("ReLU GELU SiLU Tanh Sigmoid LeakyReLU ELU Softplus Mish Hardtanh ReLU6 Softmax "
                               "LogSoftmax".split())


class GraphNode:
    """One node of a graph that keeps saved tensors: equal only to itself."""

    __slots__ = ()


class CarriedValue(_Unknown):
    """A name at a loop's head that is not a tensor in the first round (None, a number:
    `h = None`, `avg = 0.0`) and, from the second round on, a tensor whose graph the
    previous round's backward freed. As unknown as any unknown value to everything else."""

    def __init__(self, carried: tuple) -> None:
        self.carried = carried

    def __eq__(self, other) -> bool:
        return isinstance(other, CarriedValue) and other.carried == self.carried

    def __hash__(self) -> int:
        return hash(tuple(id(part) for part in self.carried))

    def join(self, other: Value) -> Value:
        return self if self == other else UNKNOWN

    def __repr__(self) -> str:
        return f"CarriedValue({self.carried[2]})"


def carried_operand(left: Value, right: Value) -> Optional[Value]:
    """An arithmetic operator on a carried value and a Python number: from the second round
    on, a tensor computed from the carried graph (the same fact); else None."""
    for value, other in ((left, right), (right, left)):
        if isinstance(value, CarriedValue) and (
                isinstance(other, Const) and type(other.value) in (int, float) or other is NUMBER):
            return value
    return None


def _carried_of(values: Iterable[Value], result: Value) -> Optional[tuple]:
    for value in values:
        if isinstance(value, (Seq, ListOf)):
            found = _carried_of(value.items if isinstance(value, Seq) else (value.element,), result)
            if found is not None:
                return found
        elif isinstance(value, (Tensor, CarriedValue)) and value is not result and value.carried is not None:
            return value.carried
    return None


def _tensors(values: Iterable[Value]) -> list:
    found = []
    for value in values:
        if isinstance(value, Tensor):
            found.append(value)
        elif isinstance(value, Seq):
            found.extend(_tensors(value.items))
        elif isinstance(value, ListOf):  # a grown list: its items are like its element
            found.extend(_tensors((value.element,)))
    return found


def _inherit(result: Tensor, inputs: list, node: Optional[GraphNode]) -> Tensor:
    """The result of an op recorded in grad mode: its inputs' graphs (those that require
    grad), its own `node` if it keeps saved tensors, and their freed facts."""
    graphs = [t for t in inputs if isinstance(t, Tensor) and t.requires_grad is YES and t is not result]
    nodes = frozenset().union(*(t.nodes for t in graphs)) if graphs else frozenset()
    if node is not None:
        nodes |= {node}
    freed = next((t.freed_by for t in graphs if t.freed_by is not None), None)
    # a carried graph is the previous round's value, which requires grad, whatever the first round's did
    carried = _carried_of(inputs, result)
    if nodes == result.nodes and freed is result.freed_by and carried == result.carried:
        return result
    return result.with_(nodes=nodes, freed_by=freed, carried=carried)


def recorded(name: str, result: Value, inputs: list, grad: Tri, saves: Optional[bool] = None,
             node: Optional[GraphNode] = None) -> Value:
    """The result of op `name` on `inputs` (grad mode `grad`), with its graph's facts.
    `saves`: whether its node keeps saved tensors (None: as the tables say). The outputs
    of one op (an LSTM's output and (h, c)) share its node."""
    if isinstance(result, Seq):
        node = node or GraphNode()
        return Seq(tuple(recorded(name, item, inputs, grad, saves, node) for item in result.items), result.kind)
    if not isinstance(result, Tensor):
        return result
    carried = _carried_of(inputs, result)
    inputs = _tensors(inputs) + [v for v in inputs if isinstance(v, CarriedValue)]
    if result.requires_grad is MAYBE and grad is YES:
        # it requires grad from a loop's second round on when it is computed from a carried
        # graph (the first round's value may not have required grad)
        if carried is not None or result.nodes or result.freed_by is not None or result.carried is not None:
            return result.with_(nodes=frozenset(), freed_by=None, carried=carried)
        return result
    if result.requires_grad is not YES or grad is not YES:
        if result.nodes or result.freed_by is not None or result.carried is not None:
            return result.with_(nodes=frozenset(), freed_by=None, carried=None)
        return result
    if any(result is t for t in inputs):
        return result  # the input handed back: no new node
    if saves is None:
        short = name.rsplit(".", 1)[-1]
        saves = short in SAVE_RESULT or short in SAVE_INPUT or short in SAVE_OTHER or short in SAVING_FUNCTIONS
    return _inherit(result, inputs, (node or GraphNode()) if saves else None)


def module_output(kind: str, result: Value, args: list, grad: Tri, saving: bool) -> Value:
    """The output of a torch module's call: a node with saved tensors for `saving` modules
    (layers, losses, most activations), the inputs' graphs behind it."""
    return recorded(kind, result, list(args), grad, saves=saving)


def freed_by_backward(t: Value) -> Optional[tuple]:
    """For a backward of t: (the backward() call node that freed part of its graph, None) on
    every path, or (that call node, (loop, name)) from the second round of a loop on; None
    when nothing of its graph is known to be freed."""
    if not isinstance(t, Tensor) or t.requires_grad is NO:
        return None
    if t.freed_by is not None and t.requires_grad is YES:
        return t.freed_by, None
    if t.carried is not None:
        first, loop, name, in_tuple = t.carried
        return first, (loop, name, in_tuple)
    return None


def frees(retain_graph: Optional[Value], create_graph: Optional[Value]) -> bool:
    """Does a backward with these arguments free its graph? Only when retain_graph is
    known False (or not given and create_graph is not given or known False)."""
    if retain_graph is not None:
        return isinstance(retain_graph, Const) and retain_graph.value in (False, None)
    return create_graph is None or isinstance(create_graph, Const) and create_graph.value is False


def backward_ran(state: State, tensors: list, call_node: Any) -> None:
    """backward() of `tensors` freed the saved tensors of their graphs: every tensor bound
    in the state whose graph holds one of those nodes now has a freed graph."""
    freed = frozenset().union(*(t.nodes for t in tensors if isinstance(t, Tensor) and t.requires_grad is YES))
    if not freed:
        return
    for value in state.distinct_values():
        marked = _mark_freed(value, freed, call_node)
        if marked is not value:
            state.replace(value, marked)


def _mark_freed(value: Value, freed: frozenset, call_node: Any) -> Value:
    """The value (a tensor, or a tuple of them: an LSTM's (h, c)) with its graph freed where
    it holds one of the `freed` nodes."""
    if isinstance(value, Seq):
        items = tuple(_mark_freed(item, freed, call_node) for item in value.items)
        return value if all(a is b for a, b in zip(items, value.items)) else Seq(items, value.kind)
    if isinstance(value, Tensor) and value.freed_by is None and value.nodes & freed:
        return value.with_(freed_by=call_node)
    return value


def carried_into_next_round(entry: State, back: list, loop: Any) -> None:
    """At a loop's head: a name that every round ends bound to a tensor whose graph a
    backward() freed (the same call on every path) starts each later round with that graph:
    the joined entry keeps it as `carried` (the first round starts from the value before the
    loop, whose graph may be whole)."""
    ends = [s for s in back if s is not None]
    if not ends:
        return
    for key, value in list(entry.heap.items()):
        if is_written(key):
            # an attribute of an object (`self.hidden` that forward assigns), which the rounds carry alike
            updated = _carry(value, [end.heap.get(key) for end in ends], loop, f"self.{key[2]}")
            if updated is not value:
                entry.heap[key] = updated
    for name, value in list(entry.names.items()):
        at_ends = [end.names.get(name) for end in ends]
        if value is UNKNOWN and all(isinstance(v, Tensor) for v in at_ends):
            # not a tensor before the loop (None, a number), a freed one at each round's end
            probe = _carry(Tensor(), at_ends, loop, name)
            if probe.carried is not None:
                entry.names[name] = CarriedValue(probe.carried)
            continue
        updated = _carry(value, at_ends, loop, name)
        if updated is not value:
            entry.names[name] = updated


def _carry(value: Value, at_ends: list, loop: Any, name: str, in_tuple: bool = False) -> Value:
    """The loop head's value of `name` (a tensor, or a tuple of them), carried where every
    round ends with it freed by the same backward."""
    if isinstance(value, Seq):
        if not all(isinstance(v, Seq) and len(v.items) == len(value.items) for v in at_ends):
            return value
        items = tuple(_carry(item, [v.items[i] for v in at_ends], loop, name, True)
                      for i, item in enumerate(value.items))
        return value if all(a is b for a, b in zip(items, value.items)) else Seq(items, value.kind)
    if not isinstance(value, Tensor) or value.freed_by is not None:
        return value
    if all(at_end is value for at_end in at_ends):
        return value  # not rebound in the loop (an outer loop's value): this loop carries nothing
    firsts = set()
    for at_end in at_ends:
        if not isinstance(at_end, Tensor) or at_end.requires_grad is not YES:
            return value
        firsts.add(at_end.freed_by if at_end.freed_by is not None else
                   (at_end.carried[0] if at_end.carried is not None else None))
    if len(firsts) != 1 or None in firsts:
        return value
    (first,) = firsts
    carried = (first, loop, name, in_tuple)
    return value if value.carried == carried else value.with_(carried=carried)


def memo_facts(args) -> tuple:
    """The freed facts of a call's arguments, for its memo key: a call given a freed graph
    is not the call given the same tensor whole."""
    return tuple(a.freed_by if isinstance(a, Tensor) else None for a in args)


def fresh_nodes(value: Value, given: tuple = (), args=()) -> Value:
    """A call's result given again from the memo (its ops ran again, first with the
    arguments `given`, now with `args`): the graph of each argument whose first graph the
    first result held is now the new argument's; the nodes the call made are new ones
    (one stands for them all); nothing is known freed but what the arguments bring."""
    if isinstance(value, Seq):
        items = tuple(fresh_nodes(item, given, args) for item in value.items)
        return value if all(a is b for a, b in zip(items, value.items)) else Seq(items, value.kind)
    if not isinstance(value, Tensor) or not (value.nodes or value.freed_by is not None):
        return value
    nodes, made, freed = frozenset(), value.nodes, None
    for before, now in zip(given, args):
        if isinstance(before, Tensor) and before.nodes and before.nodes <= value.nodes:
            made = made - before.nodes
            if isinstance(now, Tensor) and now.requires_grad is YES:
                nodes |= now.nodes
                freed = freed or now.freed_by
    if made:
        nodes |= {GraphNode()}
    return value.with_(nodes=nodes, freed_by=freed)


def detached_in_place(state: State, t: Tensor) -> Tensor:
    """`t.detach_()`: t has no graph any more, and neither has what may be t itself under
    another name, an item of a tuple (`for s in hidden: s.detach_()` detaches an LSTM's h
    and c): every tensor of the state, or in a tuple there, that shares a node of t's graph
    or its freed facts loses them too (what merely may be t loses facts, never gains)."""
    def same(value: Value) -> bool:
        return isinstance(value, Tensor) and (
            bool(value.nodes & t.nodes) or t.freed_by is not None and value.freed_by is t.freed_by
            or t.carried is not None and value.carried == t.carried)

    def cleared(value: Value) -> Value:
        if isinstance(value, Seq):
            items = tuple(cleared(item) for item in value.items)
            return value if all(a is b for a, b in zip(items, value.items)) else Seq(items, value.kind)
        return no_graph(value) if same(value) else value

    for value in state.distinct_values():
        new = cleared(value)
        if new is not value:
            state.replace(value, new)
    return no_graph(t)


def no_graph(value: Value) -> Value:
    """A value made without a graph (detached, computed with grad off)."""
    if isinstance(value, Tensor) and (value.nodes or value.freed_by is not None or value.carried is not None):
        return value.with_(nodes=frozenset(), freed_by=None, carried=None)
    return value


__all__ = ["CarriedValue", "GraphNode", "SAVING_ACTIVATIONS", "SAVING_FUNCTIONS", "backward_ran",
           "carried_into_next_round", "carried_operand", "detached_in_place", "freed_by_backward", "frees", "fresh_nodes", "memo_facts",
           "module_output", "no_graph", "recorded"]
