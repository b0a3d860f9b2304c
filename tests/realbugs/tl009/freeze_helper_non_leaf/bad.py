# source: https://github.com/mit-ll-responsible-ai/responsible-ai-toolbox/issues/24
# The toolbox's freeze(*items) records each tensor's requires_grad and turns it
# off, returning a function that restores the flags; given a computed tensor
# (twice an arange that requires grad), turning the flag off fails.
import torch as tr


def freeze(*items):
    param_states = {}
    for item in items:
        params = item.parameters() if isinstance(item, tr.nn.Module) else [item]
        for param in params:
            if param not in param_states:
                param_states[param] = param.requires_grad
                param.requires_grad_(False)  # error: TL009

    def restore_state():
        for p, requires_grad in param_states.items():
            p.requires_grad_(requires_grad)

    return restore_state


restore = freeze(2 * tr.arange(2.0, requires_grad=True))
restore()
