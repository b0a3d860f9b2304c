# source: https://github.com/liuzechun/ReActNet/issues/32
# Fixed as the reporter suggests: scheduler.step() after the loop over the batches.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class DistributionLoss(nn.Module):
    def forward(self, model_output, real_output):
        model_output_log_prob = F.log_softmax(model_output, dim=1)
        real_output_soft = F.softmax(real_output, dim=1)
        return -(real_output_soft * model_output_log_prob).sum(dim=1).mean()


def train(epoch, train_loader, model_student, model_teacher, criterion, optimizer, scheduler):
    model_student.train()
    model_teacher.eval()
    for param_group in optimizer.param_groups:
        cur_lr = param_group['lr']
    print('learning_rate:', cur_lr)
    for i, (images, target) in enumerate(train_loader):
        logits_student = model_student(images)
        logits_teacher = model_teacher(images)
        loss = criterion(logits_student, logits_teacher)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    scheduler.step()
    return loss.item()


def main(epochs=2):
    model_student = nn.Linear(8, 5)
    model_teacher = nn.Linear(8, 5)
    criterion_kd = DistributionLoss()
    optimizer = torch.optim.Adam(model_student.parameters(), lr=5e-4)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: (1.0 - step / epochs), last_epoch=-1)
    train_loader = [(torch.randn(4, 8), torch.randint(0, 5, (4,))) for _ in range(2)]
    epoch = 0
    while epoch < epochs:
        train_obj = train(epoch, train_loader, model_student, model_teacher, criterion_kd, optimizer, scheduler)
        epoch += 1


main()
