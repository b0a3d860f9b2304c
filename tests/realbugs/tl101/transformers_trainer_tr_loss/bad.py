# source: https://github.com/huggingface/transformers/pull/6999
# The Trainer's train loop adds what training_step returns to tr_loss, a
# tensor on the device, for logging. training_step computes the model's loss,
# backpropagates it and returns the loss itself (its .item() had been removed
# to speed up TPU training), so tr_loss keeps every step's graph: the PR shows
# RAM running out after some 20,000 steps. The maintainers asked for a
# detached loss instead of .item(), which is what was merged.
import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(16, 2)

    def forward(self, input_ids, labels):
        logits = self.dense(input_ids)
        loss = nn.functional.cross_entropy(logits, labels)
        return (loss, logits)


class Trainer:
    def __init__(self, model, train_dataloader, device="cpu"):
        self.model = model
        self.train_dataloader = train_dataloader
        self.device = device
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)

    def training_step(self, model, inputs):
        model.train()
        outputs = model(**inputs)
        loss = outputs[0]
        loss.backward()
        return loss

    def train(self, num_train_epochs=1):
        model = self.model
        tr_loss = torch.tensor(0.0).to(self.device)
        global_step = 0
        for epoch in range(num_train_epochs):
            for step, inputs in enumerate(self.train_dataloader):
                tr_loss += self.training_step(model, inputs)  # error: TL101
                self.optimizer.step()
                model.zero_grad()
                global_step += 1
        return global_step, tr_loss.item() / global_step


torch.manual_seed(0)
batches = [{"input_ids": torch.randn(4, 16), "labels": torch.randint(0, 2, (4,))} for _ in range(3)]
trainer = Trainer(Model(), batches)
print(trainer.train())
