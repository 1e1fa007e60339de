// FairGate: capacity, arrival order, timeouts and oversized requests.
#include "server/fair_gate.h"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace tinysign::server {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kShort{50};
constexpr milliseconds kLong{10000};

// WaitForWaiters polls until `count` callers wait in the gate.
void WaitForWaiters(FairGate& gate, uint64_t count) {
  for (int i = 0; i < 2000 && gate.waiting() != count; ++i) {
    std::this_thread::sleep_for(milliseconds(1));
  }
  ASSERT_EQ(gate.waiting(), count);
}

TEST(FairGateTest, AdmitsUpToCapacity) {
  FairGate gate(3);
  auto two = gate.Acquire(2, kShort);
  auto single = gate.Acquire(1, kShort);
  ASSERT_TRUE(two.has_value());
  ASSERT_TRUE(single.has_value());
  EXPECT_EQ(gate.in_use(), 3u);
  EXPECT_FALSE(gate.Acquire(1, kShort).has_value());
  single.reset();
  EXPECT_TRUE(gate.Acquire(1, kShort).has_value());
  EXPECT_EQ(gate.in_use(), 2u);
}

TEST(FairGateTest, ZeroCapacityAdmitsOne) {
  FairGate gate(0);
  EXPECT_EQ(gate.capacity(), 1u);
  auto permit = gate.Acquire(1, kShort);
  ASSERT_TRUE(permit.has_value());
  EXPECT_FALSE(gate.Acquire(1, kShort).has_value());
}

TEST(FairGateTest, RequestOverCapacityTakesWholeGate) {
  FairGate gate(4);
  auto permit = gate.Acquire(10, kShort);
  ASSERT_TRUE(permit.has_value());
  EXPECT_EQ(permit->units(), 4u);
  EXPECT_FALSE(gate.Acquire(1, kShort).has_value());
  permit.reset();
  EXPECT_EQ(gate.in_use(), 0u);
}

TEST(FairGateTest, AdmitsInArrivalOrder) {
  FairGate gate(1);
  auto blocker = gate.Acquire(1, kShort);
  ASSERT_TRUE(blocker.has_value());
  constexpr int kWaiters = 8;
  std::mutex order_mutex;
  std::vector<int> order;
  std::vector<std::thread> threads;
  for (int i = 0; i < kWaiters; ++i) {
    threads.emplace_back([&, i] {
      auto permit = gate.Acquire(1, kLong);
      ASSERT_TRUE(permit.has_value());
      std::lock_guard<std::mutex> lock(order_mutex);
      order.push_back(i);
    });
    // Each waiter is in line before the next one starts.
    WaitForWaiters(gate, static_cast<uint64_t>(i + 1));
  }
  blocker.reset();
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(FairGateTest, SmallRequestWaitsBehindLarge) {
  FairGate gate(4);
  auto blocker = gate.Acquire(1, kShort);
  ASSERT_TRUE(blocker.has_value());
  std::mutex order_mutex;
  std::vector<int> order;
  auto record = [&](int id, uint64_t units) {
    auto permit = gate.Acquire(units, kLong);
    ASSERT_TRUE(permit.has_value());
    std::lock_guard<std::mutex> lock(order_mutex);
    order.push_back(id);
  };
  std::thread large(record, 1, 4);
  WaitForWaiters(gate, 1);
  // Three units are free, enough for the small request, but the large one
  // came first.
  std::thread small(record, 2, 1);
  WaitForWaiters(gate, 2);
  std::this_thread::sleep_for(kShort);
  EXPECT_EQ(gate.in_use(), 1u);
  blocker.reset();
  large.join();
  small.join();
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST(FairGateTest, TimedOutWaiterLeavesLine) {
  FairGate gate(1);
  auto blocker = gate.Acquire(1, kShort);
  ASSERT_TRUE(blocker.has_value());
  bool first_admitted = true;
  std::thread first(
      [&] { first_admitted = gate.Acquire(1, milliseconds(500)).has_value(); });
  WaitForWaiters(gate, 1);
  bool second_admitted = false;
  std::thread second(
      [&] { second_admitted = gate.Acquire(1, kLong).has_value(); });
  WaitForWaiters(gate, 2);
  first.join();
  EXPECT_FALSE(first_admitted);
  blocker.reset();
  second.join();
  EXPECT_TRUE(second_admitted);
  EXPECT_EQ(gate.waiting(), 0u);
}

TEST(FairGateTest, MovedPermitReleasesOnce) {
  FairGate gate(2);
  auto first = gate.Acquire(1, kShort);
  ASSERT_TRUE(first.has_value());
  FairGate::Permit moved = std::move(*first);
  first.reset();
  EXPECT_EQ(gate.in_use(), 1u);
  auto second = gate.Acquire(1, kShort);
  ASSERT_TRUE(second.has_value());
  moved = std::move(*second);
  EXPECT_EQ(gate.in_use(), 1u);
}

}  // namespace
}  // namespace tinysign::server
