// Scripted user actions for the next key dialogs. NCALayer shows a modal
// key and password dialog for every signing request. The stand-in has no
// dialog, so tests queue the user's next choices through the control
// interface instead.
#ifndef TINYSIGN_NCALAYER_MODULE_USER_ACTIONS_H_
#define TINYSIGN_NCALAYER_MODULE_USER_ACTIONS_H_

#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace tinysign::ncalayer {

// UserAction is one scripted response to a key dialog.
struct UserAction {
  enum class Kind {
    // Close the dialog: basics replies `{"status":true,"body":{}}`,
    // commonUtils `action.canceled`.
    kCancel,
    // Type a wrong password: the request fails.
    kWrongPassword,
    // Offer no key at all, as when the storage contains no matching key.
    kNoMatchingKey,
    // Close the WebSocket without a reply, as a crashing NCALayer does.
    kCloseSocket,
    // Pick key `key_index` of the signer's list, ignoring the filters.
    kChooseKey,
  };
  Kind kind = Kind::kCancel;
  size_t key_index = 0;
};

// ParseUserActionKind maps "cancel", "wrong_password", "no_matching_key",
// "close_socket" and "choose_key" to a kind.
std::optional<UserAction::Kind> ParseUserActionKind(std::string_view name);

// UserActionName returns the name `ParseUserActionKind` accepts.
std::string_view UserActionName(UserAction::Kind kind);

// UserActionQueue is a thread-safe FIFO of actions; each signing request
// takes at most one. With the queue empty, the stand-in picks a key by
// itself.
class UserActionQueue {
 public:
  void Push(UserAction action);
  std::optional<UserAction> Pop();
  void Clear();
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::deque<UserAction> actions_;
};

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_USER_ACTIONS_H_
