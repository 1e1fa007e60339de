// A counting gate that admits waiters in the order they arrived.
//
// The service uses two: one bounds the bytes of request bodies held in
// memory at once, the other the verifications running at once. Both admit
// in arrival order, so under load every request waits about as long as the
// others instead of a lucky few overtaking the rest again and again.
#ifndef TINYSIGN_SERVER_FAIR_GATE_H_
#define TINYSIGN_SERVER_FAIR_GATE_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <set>

namespace tinysign::server {

class FairGate {
 public:
  // Permit reserves units of the gate until it is destroyed.
  class Permit {
   public:
    Permit(Permit&& other) noexcept : gate_(other.gate_), units_(other.units_) {
      other.gate_ = nullptr;
    }
    Permit& operator=(Permit&& other) noexcept;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit();

    uint64_t units() const { return units_; }

   private:
    friend class FairGate;
    Permit(FairGate* gate, uint64_t units) : gate_(gate), units_(units) {}

    FairGate* gate_;
    uint64_t units_;
  };

  // FairGate admits up to `capacity` units at once; a capacity of 0 is
  // treated as 1.
  explicit FairGate(uint64_t capacity)
      : capacity_(capacity == 0 ? 1 : capacity) {}

  FairGate(const FairGate&) = delete;
  FairGate& operator=(const FairGate&) = delete;

  // Acquire waits until every earlier waiter has been admitted and `units`
  // are free, then returns a permit for them. A request for more than the
  // capacity takes the whole gate, so it runs alone rather than never.
  // It returns nullopt when `timeout` passes first; the waiter then leaves
  // the line without holding up the ones behind it.
  std::optional<Permit> Acquire(uint64_t units,
                                std::chrono::milliseconds timeout);

  uint64_t capacity() const { return capacity_; }

  // in_use returns the units held now.
  uint64_t in_use();

  // waiting returns the number of callers waiting in Acquire.
  uint64_t waiting();

 private:
  void Release(uint64_t units);
  // AdvanceTurn passes the turn to the next ticket still waiting.
  void AdvanceTurn();

  const uint64_t capacity_;
  std::mutex mutex_;
  std::condition_variable changed_;
  uint64_t in_use_ = 0;
  // Tickets are handed out in arrival order; `next_admitted_` is the
  // ticket whose turn it is. A waiter that times out is recorded in
  // `abandoned_` so that its turn is skipped.
  uint64_t next_ticket_ = 0;
  uint64_t next_admitted_ = 0;
  uint64_t num_waiting_ = 0;
  std::set<uint64_t> abandoned_;
};

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_FAIR_GATE_H_
