/** One in-app notification (GET /notifications). */
export interface NotificationView {
  id: string;
  /** Its words are `notifications.<kind>` in the catalogues, filled with `params`. */
  kind: string;
  params: Record<string, string | number>;
  /** The page it is about, e.g. `/referrals/<id>`. */
  link: string;
  createdAt: string;
  readAt: string | null;
  /** Email and SMS copies and how they fared. */
  deliveries: { channel: string; state: string; attempts: number }[];
}
