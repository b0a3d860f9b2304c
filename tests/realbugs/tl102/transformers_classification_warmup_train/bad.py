# source: https://github.com/ThilinaRajapakse/pytorch-transformers-classification/issues/21
# train(train_dataset, model, tokenizer) of the notebook: per batch, backward,
# clip, then every gradient_accumulation_steps batches scheduler.step() before
# optimizer.step() and model.zero_grad(); the maintainer's fix puts
# optimizer.step() above scheduler.step(). The library's WarmupLinearSchedule
# is a LambdaLR with a linear warm-up; a LambdaLR stands in for it.
import torch
import torch.nn as nn

torch.manual_seed(0)
args = {"learning_rate": 4e-5, "warmup_steps": 2, "gradient_accumulation_steps": 1, "max_grad_norm": 1.0,
        "num_train_epochs": 1}


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Linear(16, 8)
        self.head = nn.Linear(8, 2)

    def forward(self, input_ids, labels):
        logits = self.head(torch.tanh(self.encoder(input_ids)))
        return (nn.functional.cross_entropy(logits, labels), logits)


def train(train_dataset, model, tokenizer):
    t_total = len(train_dataset) // args["gradient_accumulation_steps"] * args["num_train_epochs"]
    optimizer = torch.optim.AdamW(model.parameters(), lr=args["learning_rate"])

    def warmup_linear(step):
        if step < args["warmup_steps"]:
            return float(step) / float(max(1, args["warmup_steps"]))
        return max(0.0, float(t_total - step) / float(max(1.0, t_total - args["warmup_steps"])))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, warmup_linear)
    global_step, tr_loss = 0, 0.0
    model.zero_grad()
    for _ in range(int(args["num_train_epochs"])):
        for step, batch in enumerate(train_dataset):
            model.train()
            outputs = model(batch[0], batch[1])
            loss = outputs[0]
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), args["max_grad_norm"])
            tr_loss += loss.item()
            if (step + 1) % args["gradient_accumulation_steps"] == 0:
                scheduler.step()  # error: TL102
                optimizer.step()
                model.zero_grad()
                global_step += 1
    return global_step, tr_loss / global_step


train_dataset = [(torch.randn(4, 16), torch.randint(0, 2, (4,))) for _ in range(3)]
global_step, tr_loss = train(train_dataset, Classifier(), None)
print(global_step, tr_loss)
