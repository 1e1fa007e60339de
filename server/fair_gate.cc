#include "server/fair_gate.h"

#include <algorithm>

namespace tinysign::server {

FairGate::Permit& FairGate::Permit::operator=(Permit&& other) noexcept {
  if (this != &other) {
    if (gate_ != nullptr) {
      gate_->Release(units_);
    }
    gate_ = other.gate_;
    units_ = other.units_;
    other.gate_ = nullptr;
  }
  return *this;
}

FairGate::Permit::~Permit() {
  if (gate_ != nullptr) {
    gate_->Release(units_);
  }
}

std::optional<FairGate::Permit> FairGate::Acquire(
    uint64_t units, std::chrono::milliseconds timeout) {
  units = std::min(units, capacity_);
  std::unique_lock<std::mutex> lock(mutex_);
  const uint64_t ticket = next_ticket_++;
  ++num_waiting_;
  const bool admitted = changed_.wait_for(lock, timeout, [&] {
    return next_admitted_ == ticket && in_use_ + units <= capacity_;
  });
  --num_waiting_;
  if (admitted) {
    in_use_ += units;
    AdvanceTurn();
  } else if (next_admitted_ == ticket) {
    AdvanceTurn();
  } else {
    abandoned_.insert(ticket);
  }
  // The turn moved on, or fewer units are free: the next waiter checks.
  changed_.notify_all();
  if (!admitted) {
    return std::nullopt;
  }
  return Permit(this, units);
}

uint64_t FairGate::in_use() {
  std::lock_guard<std::mutex> lock(mutex_);
  return in_use_;
}

uint64_t FairGate::waiting() {
  std::lock_guard<std::mutex> lock(mutex_);
  return num_waiting_;
}

void FairGate::Release(uint64_t units) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    in_use_ -= units;
  }
  changed_.notify_all();
}

void FairGate::AdvanceTurn() {
  ++next_admitted_;
  while (abandoned_.erase(next_admitted_) > 0) {
    ++next_admitted_;
  }
}

}  // namespace tinysign::server
