#include "ncalayer-module/user_actions.h"

#include <array>
#include <utility>

namespace tinysign::ncalayer {
namespace {

struct KindName {
  UserAction::Kind kind;
  std::string_view name;
};

constexpr std::array<KindName, 5> kKindNames = {{
    {UserAction::Kind::kCancel, "cancel"},
    {UserAction::Kind::kWrongPassword, "wrong_password"},
    {UserAction::Kind::kNoMatchingKey, "no_matching_key"},
    {UserAction::Kind::kCloseSocket, "close_socket"},
    {UserAction::Kind::kChooseKey, "choose_key"},
}};

}  // namespace

std::optional<UserAction::Kind> ParseUserActionKind(std::string_view name) {
  for (const KindName& entry : kKindNames) {
    if (entry.name == name) {
      return entry.kind;
    }
  }
  return std::nullopt;
}

std::string_view UserActionName(UserAction::Kind kind) {
  for (const KindName& entry : kKindNames) {
    if (entry.kind == kind) {
      return entry.name;
    }
  }
  return "unknown";
}

void UserActionQueue::Push(UserAction action) {
  std::lock_guard lock(mutex_);
  actions_.push_back(action);
}

std::optional<UserAction> UserActionQueue::Pop() {
  std::lock_guard lock(mutex_);
  if (actions_.empty()) {
    return std::nullopt;
  }
  UserAction action = actions_.front();
  actions_.pop_front();
  return action;
}

void UserActionQueue::Clear() {
  std::lock_guard lock(mutex_);
  actions_.clear();
}

size_t UserActionQueue::size() const {
  std::lock_guard lock(mutex_);
  return actions_.size();
}

}  // namespace tinysign::ncalayer
