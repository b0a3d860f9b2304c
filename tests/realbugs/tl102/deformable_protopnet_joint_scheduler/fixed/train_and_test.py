# source: https://github.com/jdonnelly36/Deformable-ProtoPNet/issues/6
import torch
import torch.nn.functional as F


def _train_or_test(model, dataloader, optimizer=None, log=print):
    is_train = optimizer is not None
    n_examples = 0
    n_correct = 0
    for x, target in dataloader:
        with torch.set_grad_enabled(is_train):
            output = model(x)
            cross_entropy = F.cross_entropy(output, target)
            l1 = model.module.last_layer.weight.norm(p=1)
            n_correct += (output.argmax(dim=1) == target).sum().item()
            n_examples += target.size(0)
        if is_train:
            loss = cross_entropy + 1e-4 * l1
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    log('\taccu: \t\t{0}%'.format(n_correct / n_examples * 100))
    return n_correct / n_examples


def train(model, dataloader, optimizer, log=print):
    assert(optimizer is not None)
    log('\ttrain')
    model.train()
    return _train_or_test(model=model, dataloader=dataloader, optimizer=optimizer, log=log)


def test(model, dataloader, log=print):
    log('\ttest')
    model.eval()
    return _train_or_test(model=model, dataloader=dataloader, optimizer=None, log=log)


def warm_only(model, log=print):
    for p in model.module.features.parameters():
        p.requires_grad = False
    for p in model.module.add_on_layers.parameters():
        p.requires_grad = True
    model.module.prototype_vectors.requires_grad = True
    for p in model.module.conv_offset.parameters():
        p.requires_grad = False
    log('\twarm')


def warm_pre_offset(model, log=print):
    for p in model.module.features.parameters():
        p.requires_grad = True
    for p in model.module.add_on_layers.parameters():
        p.requires_grad = True
    model.module.prototype_vectors.requires_grad = True
    for p in model.module.conv_offset.parameters():
        p.requires_grad = False
    log('\twarm pre offset')


def joint(model, log=print):
    for p in model.module.features.parameters():
        p.requires_grad = True
    for p in model.module.add_on_layers.parameters():
        p.requires_grad = True
    model.module.prototype_vectors.requires_grad = True
    for p in model.module.conv_offset.parameters():
        p.requires_grad = True
    log('\tjoint')
