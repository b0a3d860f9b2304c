# source: https://github.com/tenstorrent/tt-blacksmith/pull/711
# The project's Trainer class fine-tunes an LLM with LoRA adapters. Its
# training loop calls a helper that steps the optimizer, and that helper
# clears the gradients only when asked to (zero_grad flag, off by default);
# the training loop never asked, so after each optimizer step the adapters'
# gradients stayed and piled up. The PR passes zero_grad=True. A small
# frozen linear layer with a low-rank adapter stands in for the LLM.
import torch
import torch.nn as nn

torch.manual_seed(0)


class LoRALinear(nn.Module):
    def __init__(self, base, rank=2, alpha=4.0):
        super().__init__()
        self.base = base
        for p in self.base.parameters():
            p.requires_grad = False
        self.lora_a = nn.Parameter(torch.randn(rank, base.in_features) * 0.1)
        self.lora_b = nn.Parameter(torch.randn(base.out_features, rank) * 0.1)
        self.scale = alpha / rank

    def forward(self, x):
        return self.base(x) + (x @ self.lora_a.t() @ self.lora_b.t()) * self.scale


class Trainer:
    def __init__(self, model, lr=1e-3):
        self.model = model
        self.optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr)
        self.loss_fn = nn.CrossEntropyLoss()

    def optimizer_step(self, zero_grad=False):
        self.optimizer.step()  # error: TL104
        if zero_grad:
            self.optimizer.zero_grad()

    def train(self, batches, epochs=1):
        for epoch in range(epochs):
            for inputs, labels in batches:
                logits = self.model(inputs)
                loss = self.loss_fn(logits, labels)
                loss.backward()
                self.optimizer_step()


trainer = Trainer(LoRALinear(nn.Linear(8, 5)))
trainer.train([(torch.randn(4, 8), torch.randint(0, 5, (4,))) for _ in range(3)])
