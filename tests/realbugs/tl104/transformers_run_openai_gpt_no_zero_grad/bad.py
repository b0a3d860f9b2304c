# source: https://github.com/huggingface/transformers/issues/340
# run_openai_gpt.py fine-tunes a double-heads model: per batch, the LM and
# multiple-choice losses are combined, backpropagated and the optimizer
# stepped, with no optimizer.zero_grad() between minibatches; the maintainer
# confirms the mistake. The script's OpenAIAdam (a torch Optimizer) is
# written here as torch's Adam.
import torch
import torch.nn as nn

torch.manual_seed(0)


class Args:
    num_train_epochs = 1
    lm_coef = 0.9
    learning_rate = 6.25e-5


class DoubleHeadsModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.transformer = nn.Linear(10, 10)
        self.lm_head = nn.Linear(10, 10)
        self.multiple_choice_head = nn.Linear(10, 1)

    def forward(self, input_ids, mc_token_ids, lm_labels, mc_labels):
        hidden = torch.tanh(self.transformer(input_ids))
        lm_loss = nn.functional.cross_entropy(self.lm_head(hidden), lm_labels)
        mc_logits = self.multiple_choice_head(hidden).squeeze(-1)
        mc_loss = nn.functional.cross_entropy(mc_logits.view(1, -1), mc_labels)
        return lm_loss, mc_loss


args = Args()
device = torch.device("cpu")
model = DoubleHeadsModel()
optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
train_dataloader = [(torch.randn(4, 10), torch.zeros(4, dtype=torch.long), torch.randint(0, 10, (4,)),
                     torch.randint(0, 4, (1,))) for _ in range(3)]
model.train()
for _ in range(int(args.num_train_epochs)):
    tr_loss = 0
    nb_tr_steps = 0
    for step, batch in enumerate(train_dataloader):
        batch = tuple(t.to(device) for t in batch)
        input_ids, mc_token_ids, lm_labels, mc_labels = batch
        losses = model(input_ids, mc_token_ids, lm_labels, mc_labels)
        loss = args.lm_coef * losses[0] + losses[1]
        loss.backward()
        optimizer.step()  # error: TL104
        tr_loss += loss.item()
        nb_tr_steps += 1
    print(tr_loss / nb_tr_steps)
