# source: https://github.com/OpenRLHF/OpenRLHF/pull/145
# DPOLoss.forward returned the per-pair losses; the trainer calls backward on it.
import torch
import torch.nn as nn
import torch.nn.functional as F


class DPOLoss(nn.Module):
    def __init__(self, beta=0.1):
        super().__init__()
        self.beta = beta

    def forward(self, policy_chosen_logps, policy_rejected_logps, reference_chosen_logps, reference_rejected_logps):
        pi_logratios = policy_chosen_logps - policy_rejected_logps
        ref_logratios = reference_chosen_logps - reference_rejected_logps
        logits = pi_logratios - ref_logratios
        losses = -F.logsigmoid(self.beta * logits)
        chosen_rewards = self.beta * (policy_chosen_logps - reference_chosen_logps).detach()
        rejected_rewards = self.beta * (policy_rejected_logps - reference_rejected_logps).detach()
        return losses, chosen_rewards, rejected_rewards


class ToyPolicy(nn.Module):
    def __init__(self, vocab=50, dim=16):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.head = nn.Linear(dim, vocab)

    def sequence_logps(self, ids):
        logits = self.head(self.emb(ids[:, :-1]))
        return logits.log_softmax(-1).gather(-1, ids[:, 1:, None]).squeeze(-1).sum(-1)


def train_step(model, ref_model, loss_fn, optimizer, chosen, rejected):
    with torch.no_grad():
        ref_chosen, ref_rejected = ref_model.sequence_logps(chosen), ref_model.sequence_logps(rejected)
    preference_loss, chosen_reward, reject_reward = loss_fn(
        model.sequence_logps(chosen), model.sequence_logps(rejected), ref_chosen, ref_rejected)
    optimizer.zero_grad()
    preference_loss.backward()  # error: TL003
    optimizer.step()


model, ref_model = ToyPolicy(), ToyPolicy()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
train_step(model, ref_model, DPOLoss(), optimizer, torch.randint(0, 50, (4, 12)), torch.randint(0, 50, (4, 12)))
