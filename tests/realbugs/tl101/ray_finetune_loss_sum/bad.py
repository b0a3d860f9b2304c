# source: https://github.com/ray-project/ray/pull/40940
# A template's LLM fine-tuning function runs, per epoch, forward on each
# batch, takes outputs.loss, adds it to loss_sum for the epoch's average loss,
# backpropagates (through the accelerator, here loss.backward()) and steps the
# optimizer and the scheduler. loss_sum keeps each iteration's graph, the
# memory leak of the linked issue; the PR makes the loss freeable after every
# iteration by summing it without its graph (the thread weighs .detach() and
# .item()).
import torch
import torch.nn as nn


class Outputs:
    def __init__(self, loss):
        self.loss = loss


class CausalLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(32, 16)
        self.head = nn.Linear(16, 32)

    def forward(self, input_ids, labels):
        logits = self.head(self.embed(input_ids))
        return Outputs(nn.functional.cross_entropy(logits.flatten(0, 1), labels.flatten()))


def training_function(config):
    torch.manual_seed(0)
    model = CausalLM()
    optimizer = torch.optim.AdamW(model.parameters(), lr=config["lr"])
    lr_scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0)
    train_dataloader = [{"input_ids": torch.randint(0, 32, (2, 8)), "labels": torch.randint(0, 32, (2, 8))}
                        for _ in range(3)]
    for epoch in range(config["num_epochs"]):
        model.train()
        loss_sum = torch.tensor(0.0)
        for step, batch in enumerate(train_dataloader):
            outputs = model(**batch)
            loss = outputs.loss
            loss_sum += loss  # error: TL101
            loss.backward()
            optimizer.step()
            lr_scheduler.step()
            optimizer.zero_grad()
        print("epoch", epoch, "loss", loss_sum.item() / len(train_dataloader))


training_function({"lr": 1e-4, "num_epochs": 2})
