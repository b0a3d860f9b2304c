# source: https://github.com/huggingface/transformers/pull/3532
# The language-modeling example script's train() (run_lm_finetuning.py, as the
# PR calls it) builds optimizer_grouped_parameters from model.named_parameters(),
# the AdamW optimizer and the linear warmup schedule, and only then calls
# model_to_resize.resize_token_embeddings(len(tokenizer)).
# With tokens added to the tokenizer, the resize puts a new, larger embedding
# matrix into the model: the PR author's token embeddings got gradients but were
# never updated, because the optimizer holds the old matrix. The PR moves the
# resize before the optimizer is built. A tiny tied-embedding LM and tokenizer
# stand in for the pretrained ones; resize_token_embeddings() replaces the
# embedding module as the library's does.
import argparse
import random

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, RandomSampler


class TinyTokenizer:
    def __init__(self, vocab_size):
        self.vocab_size = vocab_size
        self.added_tokens = []

    def add_tokens(self, tokens):
        self.added_tokens.extend(tokens)
        return len(tokens)

    def __len__(self):
        return self.vocab_size + len(self.added_tokens)


class TinyLMHeadModel(nn.Module):
    def __init__(self, vocab_size, n_embd=8):
        super().__init__()
        self.wte = nn.Embedding(vocab_size, n_embd)
        self.h = nn.Linear(n_embd, n_embd)
        self.ln_f = nn.LayerNorm(n_embd)
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)
        self.tie_weights()

    def tie_weights(self):
        self.lm_head.weight = self.wte.weight

    def resize_token_embeddings(self, new_num_tokens):
        old_embeddings = self.wte
        old_num_tokens, dim = old_embeddings.weight.size()
        if old_num_tokens == new_num_tokens:
            return old_embeddings
        new_embeddings = nn.Embedding(new_num_tokens, dim)
        with torch.no_grad():
            num = min(old_num_tokens, new_num_tokens)
            new_embeddings.weight[:num, :] = old_embeddings.weight[:num, :]
        self.wte = new_embeddings
        self.tie_weights()
        return self.wte

    def forward(self, input_ids, labels=None):
        hidden = self.ln_f(torch.tanh(self.h(self.wte(input_ids))))
        logits = self.lm_head(hidden)
        loss = F.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)), labels[:, 1:].reshape(-1))
        return (loss, logits)


def train(args, train_dataset, model, tokenizer):
    train_sampler = RandomSampler(train_dataset)
    train_dataloader = DataLoader(train_dataset, sampler=train_sampler, batch_size=args.train_batch_size)
    t_total = len(train_dataloader) // args.gradient_accumulation_steps * args.num_train_epochs

    # Prepare optimizer and schedule (linear warmup and decay)
    no_decay = ["bias", "LayerNorm.weight"]
    optimizer_grouped_parameters = [
        {
            "params": [p for n, p in model.named_parameters() if not any(nd in n for nd in no_decay)],
            "weight_decay": args.weight_decay,
        },
        {"params": [p for n, p in model.named_parameters() if any(nd in n for nd in no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(optimizer_grouped_parameters, lr=args.learning_rate, eps=args.adam_epsilon)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / max(1, args.warmup_steps)) * max(0.0, 1 - step / t_total))

    global_step = 0
    tr_loss = 0.0

    model_to_resize = model.module if hasattr(model, "module") else model
    model_to_resize.resize_token_embeddings(len(tokenizer))

    model.zero_grad()
    for _ in range(int(args.num_train_epochs)):
        for step, batch in enumerate(train_dataloader):
            inputs, labels = (batch, batch)
            inputs = inputs.to(args.device)
            labels = labels.to(args.device)
            model.train()
            outputs = model(inputs, labels=labels)
            loss = outputs[0]
            loss.backward()

            tr_loss += loss.item()
            if (step + 1) % args.gradient_accumulation_steps == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), args.max_grad_norm)
                optimizer.step()  # error: TL108
                scheduler.step()
                model.zero_grad()
                global_step += 1

    return global_step, tr_loss / global_step


def main():
    args = argparse.Namespace(train_batch_size=4, gradient_accumulation_steps=1, num_train_epochs=1,
                              weight_decay=0.0, learning_rate=5e-3, adam_epsilon=1e-8, warmup_steps=0,
                              max_grad_norm=1.0, device=torch.device("cpu"), seed=42)
    random.seed(args.seed)
    torch.manual_seed(args.seed)

    tokenizer = TinyTokenizer(vocab_size=20)
    model = TinyLMHeadModel(vocab_size=tokenizer.vocab_size)
    tokenizer.add_tokens(["<new_tok_0>", "<new_tok_1>", "<new_tok_2>"])
    model.to(args.device)

    train_dataset = [torch.randint(0, len(tokenizer), (6,)) for _ in range(8)]
    global_step, tr_loss = train(args, train_dataset, model, tokenizer)
    print(" global_step = %s, average loss = %s" % (global_step, tr_loss))


if __name__ == "__main__":
    main()
