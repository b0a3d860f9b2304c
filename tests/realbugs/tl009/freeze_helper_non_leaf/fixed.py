# source: https://github.com/mit-ll-responsible-ai/responsible-ai-toolbox/issues/24
# Fixed as the maintainers settled: freeze takes leaves only, and a computed
# tensor is detached by the caller before it is used outside the graph.
import torch as tr


def freeze(*items):
    param_states = {}
    for item in items:
        params = item.parameters() if isinstance(item, tr.nn.Module) else [item]
        for param in params:
            if param not in param_states:
                param_states[param] = param.requires_grad
                param.requires_grad_(False)

    def restore_state():
        for p, requires_grad in param_states.items():
            p.requires_grad_(requires_grad)

    return restore_state


restore = freeze(tr.arange(2.0, requires_grad=True))
restore()
frozen = (2 * tr.arange(2.0, requires_grad=True)).detach()
