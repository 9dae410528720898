"use server";
import { publicAction } from "@/lib/actions/safe-action";
import { acceptInvitation } from "@/lib/services/invitations";
import { acceptInvitationSchema } from "@/lib/validation/invitations";

// Public: the person has no account yet; the link's token is the credential (checked, locked and spent by the service).
export const acceptInvitationAction = publicAction(acceptInvitationSchema, acceptInvitation);
