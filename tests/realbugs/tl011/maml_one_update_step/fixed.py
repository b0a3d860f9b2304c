# source: https://github.com/dragen1860/MAML-Pytorch/issues/40
# Fixed: the query loss after the first update, which is the meta-loss when
# update_step=1, is computed with grad mode on; only its accuracy stays under
# no_grad.
from types import SimpleNamespace

import torch
from torch import nn, optim
from torch.nn import functional as F


class Learner(nn.Module):
    def __init__(self, n_in, n_way):
        super().__init__()
        self.vars = nn.ParameterList([nn.Parameter(torch.randn(n_way, n_in) * 0.1),
                                      nn.Parameter(torch.zeros(n_way))])

    def forward(self, x, vars=None, bn_training=True):
        if vars is None:
            vars = self.vars
        w, b = vars[0], vars[1]
        return F.linear(x, w, b)

    def parameters(self):
        return self.vars


class Meta(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.update_lr = args.update_lr
        self.meta_lr = args.meta_lr
        self.update_step = args.update_step
        self.net = Learner(args.n_in, args.n_way)
        self.meta_optim = optim.Adam(self.net.parameters(), lr=self.meta_lr)

    def forward(self, x_spt, y_spt, x_qry, y_qry):
        task_num = x_spt.size(0)
        losses_q = [0 for _ in range(self.update_step + 1)]
        corrects = [0 for _ in range(self.update_step + 1)]

        for i in range(task_num):
            logits = self.net(x_spt[i], vars=None, bn_training=True)
            loss = F.cross_entropy(logits, y_spt[i])
            grad = torch.autograd.grad(loss, self.net.parameters())
            fast_weights = list(map(lambda p: p[1] - self.update_lr * p[0], zip(grad, self.net.parameters())))

            # loss and accuracy before the first update
            with torch.no_grad():
                logits_q = self.net(x_qry[i], self.net.parameters(), bn_training=True)
                loss_q = F.cross_entropy(logits_q, y_qry[i])
                losses_q[0] += loss_q
                pred_q = F.softmax(logits_q, dim=1).argmax(dim=1)
                corrects[0] = corrects[0] + torch.eq(pred_q, y_qry[i]).sum().item()

            # loss and accuracy after the first update
            logits_q = self.net(x_qry[i], fast_weights, bn_training=True)
            loss_q = F.cross_entropy(logits_q, y_qry[i])
            losses_q[1] += loss_q
            with torch.no_grad():
                pred_q = F.softmax(logits_q, dim=1).argmax(dim=1)
                corrects[1] = corrects[1] + torch.eq(pred_q, y_qry[i]).sum().item()

            for k in range(1, self.update_step):
                logits = self.net(x_spt[i], fast_weights, bn_training=True)
                loss = F.cross_entropy(logits, y_spt[i])
                grad = torch.autograd.grad(loss, fast_weights)
                fast_weights = list(map(lambda p: p[1] - self.update_lr * p[0], zip(grad, fast_weights)))

                logits_q = self.net(x_qry[i], fast_weights, bn_training=True)
                loss_q = F.cross_entropy(logits_q, y_qry[i])
                losses_q[k + 1] += loss_q

                with torch.no_grad():
                    pred_q = F.softmax(logits_q, dim=1).argmax(dim=1)
                    corrects[k + 1] = corrects[k + 1] + torch.eq(pred_q, y_qry[i]).sum().item()

        loss_q = losses_q[-1] / task_num

        self.meta_optim.zero_grad()
        loss_q.backward()
        self.meta_optim.step()
        return corrects


args = SimpleNamespace(update_lr=0.4, meta_lr=1e-3, update_step=1, n_in=6, n_way=3)
maml = Meta(args)
x_spt, y_spt = torch.randn(2, 3, 6), torch.randint(0, 3, (2, 3))
x_qry, y_qry = torch.randn(2, 6, 6), torch.randint(0, 3, (2, 6))
print(maml(x_spt, y_spt, x_qry, y_qry))
