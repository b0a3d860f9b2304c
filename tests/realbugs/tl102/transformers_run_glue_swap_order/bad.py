# source: https://github.com/huggingface/transformers/pull/1136
# The PR swaps optimizer.step() and scheduler.step() in the example scripts'
# train(args, train_dataset, model, tokenizer): the batch loop calls the model
# with a dict of inputs, backpropagates, and every gradient_accumulation_steps
# batches stepped the scheduler before the optimizer, which made torch warn.
import torch
import torch.nn as nn

torch.manual_seed(0)


class Args:
    gradient_accumulation_steps = 1
    max_grad_norm = 1.0
    num_train_epochs = 1
    learning_rate = 5e-5
    device = "cpu"


class SequenceClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Linear(12, 6)
        self.classifier = nn.Linear(6, 3)

    def forward(self, input_ids, attention_mask, labels):
        logits = self.classifier(torch.relu(self.body(input_ids * attention_mask)))
        return (nn.functional.cross_entropy(logits, labels), logits)


def train(args, train_dataset, model, tokenizer):
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: max(0.0, 1.0 - step / 10))
    global_step, tr_loss = 0, 0.0
    model.zero_grad()
    for _ in range(int(args.num_train_epochs)):
        for step, batch in enumerate(train_dataset):
            model.train()
            batch = tuple(t.to(args.device) for t in batch)
            inputs = {'input_ids': batch[0], 'attention_mask': batch[1], 'labels': batch[2]}
            outputs = model(**inputs)
            loss = outputs[0]
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), args.max_grad_norm)
            tr_loss += loss.item()
            if (step + 1) % args.gradient_accumulation_steps == 0:
                scheduler.step()  # error: TL102
                optimizer.step()
                model.zero_grad()
                global_step += 1
    return global_step, tr_loss / global_step


train_dataset = [(torch.randn(4, 12), torch.ones(4, 12), torch.randint(0, 3, (4,))) for _ in range(3)]
print(train(Args(), train_dataset, SequenceClassifier(), None))
